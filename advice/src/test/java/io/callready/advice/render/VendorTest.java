package io.callready.advice.render;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VendorTest {
    @Test
    void parsesEveryWireNameAndNamesTheValidOnesOnError() {
        for (Vendor v : Vendor.values()) {
            assertThat(Vendor.parse(v.wireName())).isEqualTo(v);
        }
        assertThat(Vendor.parse(" Linux-TC ")).isEqualTo(Vendor.LINUX_TC);
        assertThatThrownBy(() -> Vendor.parse("juniper")).hasMessageContaining("'juniper'")
                .hasMessageContaining("cisco-ios, fortigate, mikrotik, pfsense, openwrt-sqm, unifi, linux-tc, linux-tc-cake");
        assertThatThrownBy(() -> Vendor.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
