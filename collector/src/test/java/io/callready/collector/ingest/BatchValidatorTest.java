package io.callready.collector.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.callready.collector.problem.FieldError;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultBatch;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class BatchValidatorTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final Duration SKEW = Duration.ofMinutes(5);

    private static ProbeResult result(Map<String, Double> metrics) {
        return new ProbeResult(UUID.randomUUID(), "agent-1", ProbeKind.RTP_BURST, "r:5004", NOW.minusSeconds(10), 1000,
                ResultStatus.OK, "", metrics, Map.of("codec", "pcmu"), null);
    }

    private static List<String> fields(ResultBatch batch) {
        return BatchValidator.validate(batch, NOW, SKEW).stream().map(FieldError::field).toList();
    }

    @Test
    void acceptsAPlausibleResult() {
        assertThat(fields(new ResultBatch(List.of(result(Map.of("rtt_ms", 20.0, "mos", 4.4, "loss_up_ratio", 0.01)))))).isEmpty();
    }

    @Test
    void checksMetricRangesByUnitSuffix() {
        var bad = result(Map.of("loss_up_ratio", 1.01, "mos_down", 4.6, "rtt_max_ms", -0.5, "jitter_up_ms", Double.NaN,
                "reordered_up_count", -1.0, "r_factor", 120.0));
        assertThat(fields(new ResultBatch(List.of(bad)))).containsExactlyInAnyOrder(
                "results[0].metrics.loss_up_ratio", "results[0].metrics.mos_down", "results[0].metrics.rtt_max_ms",
                "results[0].metrics.jitter_up_ms", "results[0].metrics.reordered_up_count");
    }

    @Test
    void boundariesAreInclusive() {
        var edge = result(Map.of("loss_up_ratio", 1.0, "loss_down_ratio", 0.0, "mos", 1.0, "mos_up", 4.5, "rtt_ms", 0.0));
        assertThat(fields(new ResultBatch(List.of(edge)))).isEmpty();
    }

    @Test
    void startedAtMayBeSlightlyAheadButNotMore() {
        var withinSkew = new ProbeResult(UUID.randomUUID(), "a", ProbeKind.RTP_BURST, "t", NOW.plus(SKEW), 0,
                ResultStatus.OK, "", null, null, null);
        var beyond = new ProbeResult(UUID.randomUUID(), "a", ProbeKind.RTP_BURST, "t", NOW.plus(SKEW).plusSeconds(1), 0,
                ResultStatus.OK, "", null, null, null);
        assertThat(fields(new ResultBatch(List.of(withinSkew, beyond)))).containsExactly("results[1].startedAt");
    }

    @Test
    void reportsMissingFieldsOfEveryResult() {
        var empty = new ProbeResult(null, null, null, null, null, 0, null, null, null, null, null);
        assertThat(fields(new ResultBatch(List.of(result(Map.of()), empty)))).containsExactly(
                "results[1].id", "results[1].agentId", "results[1].kind", "results[1].target", "results[1].status",
                "results[1].reason", "results[1].startedAt");
    }

    @Test
    void batchSizeIsBounded() {
        assertThat(fields(new ResultBatch(List.of()))).containsExactly("results");
        assertThat(fields(new ResultBatch(null))).containsExactly("results");
        assertThat(fields(null)).containsExactly("body");
        var tooMany = Collections.nCopies(ResultBatch.MAX_RESULTS + 1, result(Map.of()));
        assertThat(fields(new ResultBatch(tooMany))).containsExactly("results");
        assertThat(fields(new ResultBatch(Collections.nCopies(ResultBatch.MAX_RESULTS, result(Map.of()))))).isEmpty();
    }

    @Test
    void detailsAreLimitedTo64KiBOfJson() {
        var node = JsonNodeFactory.instance.objectNode().put("blob", "x".repeat(64 * 1024));
        var big = new ProbeResult(UUID.randomUUID(), "a", ProbeKind.RTP_BURST, "t", NOW, 0, ResultStatus.OK, "", null, null, node);
        assertThat(fields(new ResultBatch(List.of(big)))).containsExactly("results[0].details");
    }

    @Test
    void reportsAtMostAHundredErrors() {
        var bad = new ProbeResult(null, null, null, null, null, -1, null, null, null, null, null);
        assertThat(BatchValidator.validate(new ResultBatch(Collections.nCopies(50, bad)), NOW, SKEW)).hasSize(100);
    }
}
