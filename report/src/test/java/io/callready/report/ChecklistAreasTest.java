package io.callready.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChecklistAreasTest {
    @Test
    void idPrefixesMapToTheReportsAreas() {
        assertThat(ChecklistAreas.of("sip-alg")).isEqualTo("SIP ALG");
        assertThat(ChecklistAreas.of("double-nat")).isEqualTo("NAT");
        assertThat(ChecklistAreas.of("nat-timeouts")).isEqualTo("UDP timeouts");
        assertThat(ChecklistAreas.of("sip:sip-east.dialstack.ai:udp")).isEqualTo("SIP reachability");
        assertThat(ChecklistAreas.of("tls:sip.voice.getsmartalex.com")).isEqualTo("TLS");
        assertThat(ChecklistAreas.of("dns:sip.voice.getsmartalex.com")).isEqualTo("DNS");
        assertThat(ChecklistAreas.of("port:global.stun.twilio.com:3478/udp")).isEqualTo("Provider ports");
        assertThat(ChecklistAreas.of("interrupted")).isEqualTo("Other");
    }
}
