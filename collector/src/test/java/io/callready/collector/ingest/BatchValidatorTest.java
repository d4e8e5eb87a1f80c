package io.callready.collector.ingest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.collector.problem.FieldError;
import io.callready.wire.Json;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.RejectedResult;
import io.callready.wire.result.ResultBatch;
import io.callready.wire.result.ResultRules;
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
    private static final ResultRules.Window WINDOW = new ResultRules.Window(Duration.ofDays(7), SKEW);
    private static final ObjectMapper MAPPER = Json.newMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static ProbeResult result(Map<String, Double> metrics) {
        return new ProbeResult(UUID.randomUUID(), "agent-1", ProbeKind.RTP_BURST, "r:5004", NOW.minusSeconds(10), 1000,
                ResultStatus.OK, "", metrics, Map.of("codec", "pcmu"), null);
    }

    private static BatchValidator.Verdict verdict(JsonNode body) {
        return BatchValidator.validate(body, MAPPER, NOW, WINDOW, Enum::name);
    }

    private static JsonNode batch(List<?> results) {
        return MAPPER.valueToTree(new ResultBatch(results.stream().map(r -> (ProbeResult) r).toList()));
    }

    private static List<String> fields(List<?> results) {
        return verdict(batch(results)).rejected().stream().flatMap(r -> r.errors().stream()).map(ResultRules.Violation::field).toList();
    }

    private static List<String> batchFields(JsonNode body) {
        return verdict(body).batchErrors().stream().map(FieldError::field).toList();
    }

    @Test
    void acceptsAPlausibleResult() {
        BatchValidator.Verdict v = verdict(batch(List.of(result(Map.of("rtt_ms", 20.0, "mos", 4.4, "loss_up_ratio", 0.01)))));
        assertThat(v.batchErrors()).isEmpty();
        assertThat(v.rejected()).isEmpty();
        assertThat(v.valid()).extracting(BatchValidator.Candidate::index).containsExactly(0);
    }

    @Test
    void checksMetricRangesByUnitSuffix() {
        var bad = result(Map.of("loss_up_ratio", 1.01, "mos_down", 4.6, "rtt_max_ms", -0.5, "jitter_up_ms", 1e308,
                "reordered_up_count", -1.0, "r_factor", 120.0));
        assertThat(fields(List.of(bad))).containsExactlyInAnyOrder(
                "results[0].metrics.loss_up_ratio", "results[0].metrics.mos_down", "results[0].metrics.rtt_max_ms",
                "results[0].metrics.jitter_up_ms", "results[0].metrics.reordered_up_count", "results[0].metrics.r_factor");
    }

    @Test
    void boundariesAreInclusive() {
        var edge = result(Map.of("loss_up_ratio", 1.0, "loss_down_ratio", 0.0, "mos", 1.0, "mos_up", 4.5, "rtt_ms", 0.0));
        assertThat(fields(List.of(edge))).isEmpty();
    }

    @Test
    void startedAtMayBeSlightlyAheadButNotMore() {
        var withinSkew = new ProbeResult(UUID.randomUUID(), "a", ProbeKind.RTP_BURST, "t", NOW.plus(SKEW), 0,
                ResultStatus.OK, "", null, null, null);
        var beyond = new ProbeResult(UUID.randomUUID(), "a", ProbeKind.RTP_BURST, "t", NOW.plus(SKEW).plusSeconds(1), 0,
                ResultStatus.OK, "", null, null, null);
        assertThat(fields(List.of(withinSkew, beyond))).containsExactly("results[1].startedAt");
    }

    @Test
    void validResultsAreKeptAndInvalidOnesNamedByIndexWithTheirId() {
        var bad = new ProbeResult(UUID.randomUUID(), null, null, null, null, 0, null, null, null, null, null);
        BatchValidator.Verdict v = verdict(batch(List.of(result(Map.of()), bad, result(Map.of()))));
        assertThat(v.valid()).extracting(BatchValidator.Candidate::index).containsExactly(0, 2);
        assertThat(v.rejected()).singleElement().satisfies(r -> {
            assertThat(r.index()).isEqualTo(1);
            assertThat(r.id()).isEqualTo(bad.id());
            assertThat(r.errors()).extracting(ResultRules.Violation::field).containsExactly(
                    "results[1].agentId", "results[1].kind", "results[1].target", "results[1].status",
                    "results[1].reason", "results[1].startedAt");
        });
    }

    @Test
    void aResultOfWrongTypesIsRejectedAloneWithItsReadableId() {
        ArrayNode results = (ArrayNode) batch(List.of(result(Map.of()))).get("results");
        String id = UUID.randomUUID().toString();
        ObjectNode wrong = results.addObject().put("id", id).put("durationMs", "long").put("startedAt", "yesterday");
        wrong.putObject("metrics").put("rtt_ms", "fast");
        results.add(MAPPER.nullNode());
        results.add(7);
        BatchValidator.Verdict v = verdict(MAPPER.createObjectNode().set("results", results));
        assertThat(v.valid()).hasSize(1);
        assertThat(v.rejected()).extracting(RejectedResult::index).containsExactly(1, 2, 3);
        assertThat(v.rejected().getFirst().id()).hasToString(id);
        assertThat(v.rejected().getFirst().errors()).singleElement().extracting(ResultRules.Violation::field).asString()
                .startsWith("results[1].");
        assertThat(v.rejected().get(1).errors()).extracting(ResultRules.Violation::field).containsExactly("results[2]");
        assertThat(v.rejected().get(1).id()).isNull();
    }

    @Test
    void batchSizeIsBounded() {
        assertThat(batchFields(batch(List.of()))).containsExactly("results");
        assertThat(batchFields(MAPPER.createObjectNode())).containsExactly("results");
        assertThat(batchFields(MAPPER.createObjectNode().put("results", "many"))).containsExactly("results");
        assertThat(batchFields(null)).containsExactly("body");
        assertThat(batchFields(MAPPER.createArrayNode())).containsExactly("body");
        var tooMany = Collections.nCopies(ResultBatch.MAX_RESULTS + 1, result(Map.of()));
        assertThat(batchFields(batch(tooMany))).containsExactly("results");
        assertThat(verdict(batch(Collections.nCopies(ResultBatch.MAX_RESULTS, result(Map.of())))).valid()).hasSize(1000);
    }

    @Test
    void detailsAreLimitedTo64KiBOfJson() {
        var node = MAPPER.createObjectNode().put("blob", "x".repeat(64 * 1024));
        var big = new ProbeResult(UUID.randomUUID(), "a", ProbeKind.RTP_BURST, "t", NOW, 0, ResultStatus.OK, "", null, null, node);
        assertThat(fields(List.of(big))).containsExactly("results[0].details");
    }

    @Test
    void reportsAtMostTwentyErrorsPerResult() {
        Map<String, Double> metrics = new java.util.HashMap<>();
        for (int i = 0; i < 30; i++) {
            metrics.put("m" + i + "_ratio", 2.0);
        }
        assertThat(verdict(batch(List.of(result(metrics)))).rejected().getFirst().errors()).hasSize(20);
    }
}
