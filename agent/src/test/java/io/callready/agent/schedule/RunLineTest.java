package io.callready.agent.schedule;

import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RunLineTest {
    private static ProbeResult result(ResultStatus status, String reason, Map<String, Double> metrics) {
        return new ProbeResult(UUID.randomUUID(), "a", ProbeKind.RTP_BURST, "127.0.0.1:5004",
                Instant.parse("2026-11-21T15:40:00.123456Z"), 10_000, status, reason, metrics, Map.of(), null);
    }

    @Test
    void okLineCarriesTheHeadlineMetrics() {
        ProbeResult r = result(ResultStatus.OK, "all graded metrics good", Map.of(
                "mos", 4.4094, "r_factor", 93.206, "rtt_ms", 0.31, "jitter_up_ms", 0.021, "jitter_down_ms", 0.034,
                "loss_up_ratio", 0.0, "loss_down_ratio", 0.0));
        assertThat(RunLine.format("hq-reflector", r)).isEqualTo(
                "2026-11-21T15:40:00Z rtp_burst hq-reflector 127.0.0.1:5004 ok mos=4.41 r=93.2 rtt=0.3ms jitter=0.02/0.03ms loss=0.000/0.000");
    }

    @Test
    void otherStatusesAddTheReasonAndSkipMissingMetrics() {
        ProbeResult r = result(ResultStatus.FAILED, "no reply from reflector 127.0.0.1:5004 within 1.0 s after the last of 500 packets",
                Map.of("packets_sent_count", 500.0));
        assertThat(RunLine.format("hq", r)).isEqualTo("2026-11-21T15:40:00Z rtp_burst hq 127.0.0.1:5004 failed "
                + "reason=\"no reply from reflector 127.0.0.1:5004 within 1.0 s after the last of 500 packets\"");
    }
}
