package io.callready.agent.probe.dscp;

import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRegistry;
import io.callready.reflector.Reflector;
import io.callready.reflector.ReflectorSettings;
import io.callready.reflector.stamp.StampReflector;
import io.callready.reflector.stamp.StampReflectorSettings;
import io.callready.wire.plan.DscpMatrixSpec;
import io.callready.wire.plan.StampReflectorMode;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultRules;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Both methods against the real reflectors on loopback, where every mark arrives as sent: no false re-marking. */
class DscpMatrixProbeIT {
    private static final InetSocketAddress ANY = new InetSocketAddress("127.0.0.1", 0);

    private static String hostPort(InetSocketAddress a) {
        return "127.0.0.1:" + a.getPort();
    }

    @Test
    void everyClassPreservedBothWaysOverTheCallReadyProtocolAndStamp() throws Exception {
        try (Reflector reflector = Reflector.start(new ReflectorSettings(ANY, 16, Duration.ofMinutes(1)));
             StampReflector stamp = StampReflector.start(StampReflectorSettings.defaults(ANY, StampReflectorMode.STATELESS))) {
            for (DscpMatrixSpec spec : List.of(
                    new DscpMatrixSpec(null, null, hostPort(reflector.localAddress()), DscpMatrixSpec.Method.CALLREADY, null, null, null),
                    new DscpMatrixSpec(null, null, hostPort(stamp.localAddress()), DscpMatrixSpec.Method.STAMP, null,
                            hostPort(stamp.localAddress()), null))) {
                ProbeResult r = ProbeRegistry.standard().run(spec, ProbeContext.quiet("it"));
                assertThat(r.kind()).isEqualTo(ProbeKind.DSCP_MATRIX);
                assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.OK);
                assertThat(r.reason()).isEqualTo("all 5 answered classes preserved both ways");
                for (int d : DscpMatrixSpec.DEFAULT_CLASSES) {
                    assertThat(r.metrics()).containsEntry("class_" + d + "_up_dscp", (double) d).containsEntry("class_" + d + "_down_dscp", (double) d);
                }
                assertThat(r.metrics()).containsEntry("classes_changed_count", 0.0).containsEntry("classes_unanswered_count", 0.0);
                assertThat(ResultRules.check(r, Instant.now(), ResultRules.Window.DEFAULT)).isEmpty();
            }
        }
    }

    @Test
    void nothingListeningIsFailedNotPreserved() throws Exception {
        int closed;
        try (DatagramSocket s = new DatagramSocket(ANY)) {
            closed = s.getLocalPort();
        }
        ProbeResult r = ProbeRegistry.standard().run(new DscpMatrixSpec(null, null, "127.0.0.1:" + closed, null, List.of(46), null,
                Duration.ofMillis(200)), ProbeContext.quiet("it"));
        assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.reason()).contains("127.0.0.1:" + closed);
    }
}
