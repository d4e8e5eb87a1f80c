package io.callready.agent.probe.rtpports;

import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRegistry;
import io.callready.reflector.Reflector;
import io.callready.reflector.ReflectorSettings;
import io.callready.wire.plan.RtpPortsSpec;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultRules;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The RTP port test against the real reflector on loopback: every port answers, no NAT, so the source port is kept. */
class RtpPortsProbeIT {
    @Test
    void aCleanPathHasNoBlockedRangeAndKeepsTheSourcePort() throws Exception {
        try (Reflector reflector = Reflector.start(new ReflectorSettings(new InetSocketAddress("127.0.0.1", 0), 16, Duration.ofMinutes(1)))) {
            // ports another test holds right now come back "in use" and are left out, never reported as blocked
            ProbeResult r = ProbeRegistry.standard().run(new RtpPortsSpec(null, null, "127.0.0.1:" + reflector.localAddress().getPort(),
                    47000, 47999, 8, true, null), ProbeContext.quiet("it"));
            assertThat(r.kind()).isEqualTo(ProbeKind.RTP_PORTS);
            assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.OK);
            assertThat(r.metrics().get("ports_tested_count") + r.metrics().get("ports_untested_count")).isEqualTo(8.0);
            assertThat(r.metrics()).containsEntry("ports_blocked_count", 0.0).containsEntry("blocked_ranges_count", 0.0);
            assertThat(r.labels()).containsEntry("media_source_ports", "preserved");
            assertThat(r.details().path("blocked_ranges")).isEmpty();
            assertThat(ResultRules.check(r, Instant.now(), ResultRules.Window.DEFAULT)).isEmpty();
        }
    }

    @Test
    void aReflectorThatDoesNotAnswerTheRequestIsFailed() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            ProbeResult r = ProbeRegistry.standard().run(new RtpPortsSpec(null, null, "127.0.0.1:" + silent.getLocalPort(),
                    47000, 47999, 2, true, Duration.ofMillis(200)), ProbeContext.quiet("it"));
            assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.FAILED);
            assertThat(r.reason()).contains("did not answer the port-test request");
        }
    }

    @Test
    void aRoundInWhichNoPortAnsweredIsAskedAgainBeforeItCountsAsBlocked() throws Exception {
        try (LapsingPortOpener peer = new LapsingPortOpener()) {
            ProbeResult r = ProbeRegistry.standard().run(new RtpPortsSpec(null, null, "127.0.0.1:" + peer.port(),
                    46000, 46999, 4, true, Duration.ofMillis(200)), ProbeContext.quiet("it"));
            assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.OK);
            assertThat(peer.openRequests()).as("the silent round was opened again").isEqualTo(2);
            assertThat(r.metrics().get("ports_tested_count") + r.metrics().get("ports_untested_count")).isEqualTo(4.0);
            assertThat(r.metrics()).containsEntry("ports_blocked_count", 0.0).containsEntry("blocked_ranges_count", 0.0);
        }
    }
}
