package io.callready.collector.notify.ssrf;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrTest {
    @Test
    void matchesByPrefix() {
        Cidr block = Cidr.parse("10.20.0.0/16");
        assertThat(block.contains(InetAddress.ofLiteral("10.20.255.1"))).isTrue();
        assertThat(block.contains(InetAddress.ofLiteral("10.21.0.1"))).isFalse();
        assertThat(block.contains(InetAddress.ofLiteral("::1"))).isFalse();
        assertThat(Cidr.parse("127.0.0.1").contains(InetAddress.ofLiteral("127.0.0.1"))).isTrue();
        assertThat(Cidr.parse("fd00::/8").contains(InetAddress.ofLiteral("fd12::1"))).isTrue();
    }

    @Test
    void badEntriesNameThemselves() {
        assertThatThrownBy(() -> Cidr.parse("intranet/8")).hasMessageContaining("'intranet/8'");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix length must be 0..32");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).hasMessageContaining("not a number");
    }
}
