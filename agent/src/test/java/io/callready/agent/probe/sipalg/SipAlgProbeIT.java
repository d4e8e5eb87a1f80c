package io.callready.agent.probe.sipalg;

import io.callready.agent.probe.ProbeContext;
import io.callready.reflector.sip.SipResponder;
import io.callready.reflector.sip.SipResponderSettings;
import io.callready.wire.plan.SipAlgSpec;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the real reflector SIP responder on loopback: nothing rewrites, so the verdict must be no ALG. */
class SipAlgProbeIT {
    @Test
    void cleanLoopbackPathIsNoAlg() throws Exception {
        try (SipResponder responder = SipResponder.start(new SipResponderSettings(InetAddress.getLoopbackAddress(), List.of(0, 0), List.of(0)))) {
            int port = responder.udpPorts().get(0);
            int alt = responder.udpPorts().get(1);
            // TCP must share the standard port number; bind a second responder when the kernel gave different ones
            try (SipResponder tcp = SipResponder.start(new SipResponderSettings(InetAddress.getLoopbackAddress(), List.of(), List.of(port)))) {
                ProbeResult r = new SipAlgProbe().run(new SipAlgSpec("alg", null, "127.0.0.1", port, alt, Duration.ofSeconds(2)),
                        ProbeContext.quiet("it"));
                assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.OK);
                assertThat(r.labels()).containsEntry("verdict", "no_alg");
                assertThat(r.details().path("legs")).hasSize(3).allSatisfy(leg -> {
                    assertThat(leg.path("answered").asBoolean()).isTrue();
                    assertThat(leg.path("rewrites")).isEmpty();
                });
                assertThat(r.metrics()).containsEntry("sip_alg_rewrites_count", 0.0);
            }
        }
    }
}
