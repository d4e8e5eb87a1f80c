package io.callready.agent.probe;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UdpChannelsTest {

    @Test
    void anUnresolvableTargetIsUnreachableNotAnError() {
        assertThatThrownBy(() -> UdpChannels.connect("STAMP reflector", "no-such-host.invalid:862", 46, 0))
                .isInstanceOf(UdpChannels.TargetUnreachable.class)
                .hasMessage("cannot resolve STAMP reflector host 'no-such-host.invalid'");
    }

    @Test
    void aResolvableTargetGivesAConnectedChannel() throws Exception {
        try (DatagramChannel ch = UdpChannels.connect("reflector", "127.0.0.1:5004", 46, 0)) {
            assertThat(ch.isConnected()).isTrue();
            assertThat(((InetSocketAddress) ch.getRemoteAddress()).getPort()).isEqualTo(5004);
        }
    }
}
