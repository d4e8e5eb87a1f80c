package io.callready.agent.probe;

import io.callready.wire.plan.RtpBurstSpec;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeRegistryTest {
    private static final RtpBurstSpec SPEC = new RtpBurstSpec("hq", null, "192.0.2.1:5004", null, null, Duration.ofSeconds(1), null);

    @Test
    void aProbeThatThrowsBecomesAnErrorResult() {
        ProbeRegistry registry = new ProbeRegistry().register(RtpBurstSpec.class, new Probe<>() {
            @Override
            public ProbeKind kind() {
                return ProbeKind.RTP_BURST;
            }

            @Override
            public String target(RtpBurstSpec spec) {
                return spec.reflector();
            }

            @Override
            public ProbeResult run(RtpBurstSpec spec, ProbeContext context) {
                throw new IllegalStateException("boom");
            }
        });
        ProbeResult r = registry.run(SPEC, ProbeContext.quiet("agent-1"));
        assertThat(r.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(r.reason()).isEqualTo("probe crashed: java.lang.IllegalStateException: boom");
        assertThat(r.kind()).isEqualTo(ProbeKind.RTP_BURST);
        assertThat(r.target()).isEqualTo("192.0.2.1:5004");
        assertThat(r.agentId()).isEqualTo("agent-1");
        assertThat(r.labels()).as("the collector's offline check counts in plan intervals")
                .containsEntry(MetricNames.LABEL_INTERVAL, "5m");
    }
}
