package io.callready.agent.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRegistry;
import io.callready.reflector.Reflector;
import io.callready.reflector.ReflectorSettings;
import io.callready.reflector.sip.SipResponder;
import io.callready.reflector.sip.SipResponderSettings;
import io.callready.wire.plan.ProfileCheckSpec;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A user profile's checklist as a scheduled probe, against the reflector's SIP responder on loopback. */
class ProfileCheckProbeIT {
    @Test
    void checklistRunsFromTheRegistryAndShipsAsOneResult() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (SipResponder udp = SipResponder.start(new SipResponderSettings(lo, List.of(0, 0), List.of()))) {
            int port = udp.udpPorts().get(0);
            int alt = udp.udpPorts().get(1);
            try (SipResponder tcp = SipResponder.start(new SipResponderSettings(lo, List.of(), List.of(port)));
                 Reflector rtp = Reflector.start(new ReflectorSettings(new InetSocketAddress(lo, 0), 16, Duration.ofMinutes(1)))) {
                Path profile = Files.createTempFile("loopback", ".yaml");
                Files.writeString(profile, """
                        name: loopback
                        sip:
                          - uri: sip:127.0.0.1:%d
                            transports: [udp, tcp]
                        alternate_sip_port: %d
                        rtp_ports: {from: 10000, to: 20000}
                        """.formatted(port, alt));

                ProbeResult r = ProbeRegistry.standard().run(new ProfileCheckSpec("pre-flight", null, profile.toString(),
                        "127.0.0.1:" + port, null, rtp.localAddress().getPort(), null), ProbeContext.quiet("it"));

                assertThat(r.kind()).isEqualTo(ProbeKind.PROFILE_CHECK);
                assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.OK);
                assertThat(r.labels()).containsEntry("profile", "loopback");
                assertThat(r.metrics()).containsEntry("checks_failed_count", 0.0).containsEntry("checks_passed_count", 5.0);
                JsonNode doc = r.details();
                assertThat(doc.path("schema").asText()).isEqualTo("callready.checklist/1");
                assertThat(doc.path("items")).extracting(i -> i.path("id").asText() + "=" + i.path("status").asText())
                        .contains("sip:127.0.0.1:udp=pass", "sip:127.0.0.1:tcp=pass", "sip-alg=pass", "fragmentation=pass",
                                "rtp-ports=pass");
            }
        }
    }
}
