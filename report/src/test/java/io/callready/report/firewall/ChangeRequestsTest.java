package io.callready.report.firewall;

import io.callready.report.profile.ProfileLoader;
import io.callready.report.profile.ProviderProfile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeRequestsTest {
    private final ProfileLoader loader = new ProfileLoader();

    @Test
    void smartAlexGetsFqdnRulesPerTransportTheRtpRangeAndItsTimeout() throws Exception {
        ChangeRequest cr = ChangeRequests.from(loader.load("smartalex"));
        assertThat(cr.rules()).containsExactly(
                new FirewallRule("outbound", "udp", "sip.voice.getsmartalex.com", "5060", "SIP signalling over UDP"),
                new FirewallRule("outbound", "tcp", "sip.voice.getsmartalex.com", "5060", "SIP signalling over TCP"),
                new FirewallRule("outbound", "tcp", "sip.voice.getsmartalex.com", "5061", "SIP signalling over TLS"),
                new FirewallRule("outbound + inbound replies", "udp", "any", "10000-60000",
                        "RTP media, symmetric (the provider's media servers are not a fixed list)"));
        assertThat(cr.settings()).contains("UDP session timeout for RTP at least 1800 s.")
                .contains("There is no fixed source IP range; write firewall rules against the hostname (FQDN objects), not addresses.")
                .anyMatch(s -> s.contains("DSCP 46 on RTP and 34 on SIP"));
        assertThat(cr.text()).contains("- outbound TCP to sip.voice.getsmartalex.com port 5061: SIP signalling over TLS\n");
    }

    @Test
    void dialStackListsBothHostsItsOtherPortsAndTheKeepalive() throws Exception {
        ChangeRequest cr = ChangeRequests.from(loader.load("dialstack"));
        assertThat(cr.rules()).hasSize(2 * 3 + 1 + 4);
        assertThat(cr.rules()).contains(new FirewallRule("outbound", "udp", "global.stun.twilio.com", "3478", "STUN"),
                new FirewallRule("outbound", "tcp", "sip-west.dialstack.ai", "5061", "SIP signalling over TLS"));
        assertThat(cr.settings()).contains("UDP session timeout for SIP at least 60 s (phones send keepalives every 20 s).",
                ChangeRequests.FQDN_ADVICE);
    }

    @Test
    void aUriWithPortAndParametersNamesHostAndPort() throws Exception {
        ProviderProfile p = loader.parse("""
                name: own
                sip:
                  - uri: sip:trunk@pbx.example.com:5080;transport=udp
                    transports: [udp]
                """, "own.yaml");
        assertThat(ChangeRequests.from(p).rules().getFirst())
                .isEqualTo(new FirewallRule("outbound", "udp", "pbx.example.com", "5080", "SIP signalling over UDP"));
        assertThat(ChangeRequests.host("sip:[2001:db8::1]")).isEqualTo("[2001:db8::1]");
        assertThat(ChangeRequests.port("sip:[2001:db8::1]")).isNull();
    }
}
