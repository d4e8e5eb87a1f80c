package io.callready.wire.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ResultRulesTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static ProbeResult result(Instant startedAt, Map<String, Double> metrics, Map<String, String> labels) {
        return new ProbeResult(UUID.randomUUID(), "0b8c3f4e-1111-4222-8333-444455556666", ProbeKind.RTP_BURST,
                "reflector.example.net:5004", startedAt, 5000, ResultStatus.OK, "all good", metrics, labels, null);
    }

    static ProbeResult metric(String key, double value) {
        return result(NOW, Map.of(key, value), Map.of());
    }

    static ProbeResult label(String key, String value) {
        return result(NOW, Map.of(), Map.of(key, value));
    }

    static ProbeResult text(String agentId, String target, String reason) {
        return new ProbeResult(UUID.randomUUID(), agentId, ProbeKind.STAMP, target, NOW, 10, ResultStatus.OK, reason,
                Map.of(), Map.of(), null);
    }

    static ProbeResult details(JsonNode details) {
        return new ProbeResult(UUID.randomUUID(), "agent", ProbeKind.SIP_ALG, "sip.example.net:5060", NOW, 10,
                ResultStatus.OK, "", Map.of(), Map.of(), details);
    }

    static List<String> fields(ProbeResult r) {
        return ResultRules.check(r, NOW, ResultRules.Window.DEFAULT).stream().map(ResultRules.Violation::field).toList();
    }

    @Test
    void aTypicalResultPasses() {
        assertThat(fields(result(NOW, Map.of("rtt_ms", 12.5, "mos", 4.3), Map.of("codec", "pcmu", "interval", "5m")))).isEmpty();
    }

    @Test
    void missingFieldsAreNamed() {
        ProbeResult r = new ProbeResult(null, null, null, null, null, 0, null, null, null, null, null);
        assertThat(fields(r)).containsExactly("id", "agentId", "kind", "target", "status", "reason", "startedAt");
        assertThat(fields(text(" ", "", "x"))).containsExactly("agentId", "target");
        assertThat(fields(null)).containsExactly("");
    }

    @Test
    void lengthsAreBounded() {
        assertThat(fields(text("a".repeat(255), "t".repeat(255), "r".repeat(2000)))).isEmpty();
        assertThat(fields(text("a".repeat(256), "t".repeat(256), "r".repeat(2001)))).containsExactly("agentId", "target", "reason");
    }

    @ParameterizedTest
    @CsvSource({
            "2026-02-22T12:00:00Z, true", "2026-02-22T11:59:59.999Z, false",
            "2026-03-01T12:05:00Z, true", "2026-03-01T12:05:00.001Z, false",
            "2026-03-01T12:10:00Z, false", "1970-01-01T00:00:00Z, false", "0001-01-01T00:00:00Z, false",
            "-290000-01-01T00:00:00Z, false", "+290000-01-01T00:00:00Z, false"})
    void startedAtLiesInTheWindow(String startedAt, boolean valid) {
        assertThat(fields(result(Instant.parse(startedAt), Map.of(), Map.of()))).isEqualTo(valid ? List.of() : List.of("startedAt"));
    }

    @Test
    void extremeInstantsNeitherOverflowNorPass() {
        assertThat(fields(result(Instant.MIN, Map.of(), Map.of()))).containsExactly("startedAt");
        assertThat(fields(result(Instant.MAX, Map.of(), Map.of()))).containsExactly("startedAt");
        ResultRules.Window huge = new ResultRules.Window(Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(ResultRules.check(result(Instant.MIN, Map.of(), Map.of()), NOW, huge)).isEmpty();
        assertThat(ResultRules.check(result(NOW, Map.of(), Map.of()), Instant.MIN, ResultRules.Window.DEFAULT)).hasSize(1);
        assertThat(ResultRules.check(result(NOW, Map.of(), Map.of()), Instant.MAX, ResultRules.Window.DEFAULT)).hasSize(1);
    }

    @Test
    void theWindowIsConfigurable() {
        ResultRules.Window day = new ResultRules.Window(Duration.ofDays(1), Duration.ZERO);
        assertThat(ResultRules.check(result(NOW.minus(Duration.ofHours(25)), Map.of(), Map.of()), NOW, day)).hasSize(1);
        assertThat(ResultRules.check(result(NOW.plusMillis(1), Map.of(), Map.of()), NOW, day)).hasSize(1);
        assertThat(ResultRules.check(result(NOW.minus(Duration.ofHours(23)), Map.of(), Map.of()), NOW, day)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 86_400_001, Long.MIN_VALUE, Long.MAX_VALUE})
    void durationIsAtMostADay(long durationMs) {
        ProbeResult r = new ProbeResult(UUID.randomUUID(), "a", ProbeKind.STAMP, "t", NOW, durationMs, ResultStatus.OK, "", null, null, null);
        assertThat(fields(r)).containsExactly("durationMs");
        ProbeResult edge = new ProbeResult(UUID.randomUUID(), "a", ProbeKind.STAMP, "t", NOW, 86_400_000, ResultStatus.OK, "", null, null, null);
        assertThat(fields(edge)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "loss_up_ratio, 0, true", "loss_up_ratio, 1, true", "loss_up_ratio, -0.0001, false", "loss_up_ratio, 1.5, false",
            "mos, 1, true", "mos, 4.5, true", "mos, 0.99, false", "mos, 4.51, false",
            "mos_up, 4.6, false", "mos_down, 0.5, false", "mos_if_g729, 7, false", "mos_if_g729, 4.5, true", "mos_if_opus, 1, true",
            "r_factor, 0, true", "r_factor, 100, true", "r_factor, -0.1, false", "r_factor, 500, false",
            "rtt_min_ms, 0, true", "rtt_min_ms, -0.003, false", "rtt_ms, 3600000, true", "rtt_ms, 3600000.1, false",
            "rtt_ms, 1e308, false", "sip_response_edge_ms, 12, true", "jitter_up_ms, -1, false",
            "packets_sent_count, 0, true", "packets_sent_count, 1000000000, true", "packets_sent_count, 1000000001, false",
            "packets_sent_count, -1, false", "packets_sent_count, 1.5, false",
            "path_mtu_bytes, 1500, true", "path_mtu_bytes, -1, false", "path_mtu_bytes, 2e9, false",
            "burst_r_up, 1, true", "burst_r_up, 0.5, true", "burst_r_down, 0.49, false", "burst_r_up, 1000000, true", "burst_r_up, 1e7, false",
            "tls_days_to_expiry, -3, true", "tls_days_to_expiry, 36500, true", "tls_days_to_expiry, -36501, false", "tls_days_to_expiry, 1.5, false",
            "sip_status_code, 100, true", "sip_status_code, 699, true", "sip_status_code, 99, false", "sip_status_code, 700, false",
            "sip_status_code, 200.5, false",
            "up_bps, 0, true", "up_bps, 1e12, true", "down_bps, -1, false", "line_up_bps, 1.1e12, false", "wan_up_bps, 2500.5, true",
            "up_utilisation_pct, 0, true", "up_utilisation_pct, 1000, true", "down_utilisation_pct, 1000.1, false",
            "wan_down_utilisation_pct, -0.1, false", "sample_ms, 60000, true", "out_errors_count, 1.5, false",
            "some_future_metric, -1000000000000, true", "some_future_metric, 1e12, true", "some_future_metric, 1.000001e12, false",
            "some_future_metric, -1e13, false"})
    void metricsAreBoundedByTheirUnit(String key, double value, boolean valid) {
        List<ResultRules.Violation> found = ResultRules.check(metric(key, value), NOW, ResultRules.Window.DEFAULT);
        assertThat(found.stream().map(ResultRules.Violation::field).toList()).isEqualTo(valid ? List.of() : List.of("metrics." + key));
        found.forEach(v -> assertThat(v.message()).contains("must"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void metricsAreFinite(double value) {
        assertThat(fields(metric("rtt_ms", value))).containsExactly("metrics.rtt_ms");
        assertThat(fields(metric("whatever", value))).containsExactly("metrics.whatever");
    }

    @Test
    void metricMessagesSayWhatIsAllowed() {
        assertThat(ResultRules.check(metric("rtt_min_ms", -0.5), NOW, ResultRules.Window.DEFAULT).getFirst().message())
                .isEqualTo("is a duration in milliseconds and must be between 0 and 3600000, got -0.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RTT", "1rtt", "rtt-ms", "rtt ms", "", "r\u0000"})
    void keysFollowTheSyntax(String key) {
        assertThat(fields(metric(key, 1))).containsExactly("metrics." + key);
        assertThat(fields(label(key, "x"))).containsExactly("labels." + key);
    }

    @Test
    void longKeysAreClippedInTheField() {
        String key = "x".repeat(500);
        assertThat(fields(metric(key, 1)).getFirst()).hasSizeLessThan(120).contains("(500 characters)");
    }

    @ParameterizedTest
    @CsvSource({
            "interval, 1s, true", "interval, 24h, true", "interval, 5m, true", "interval, 999ms, false", "interval, 25h, false",
            "interval, 3000000000000000h, false", "interval, 99999999999999999999999s, false", "interval, 5 minutes, false",
            "interval, 0s, false",
            "ptime_ms, 10, true", "ptime_ms, 120, true", "ptime_ms, 9, false", "ptime_ms, 121, false", "ptime_ms, 20.0, false",
            "ptime_ms, -20, false", "ptime_ms, 99999999999, false",
            "dscp, 0, true", "dscp, 63, true", "dscp, 64, false", "dscp, -1, false", "dscp, ef, false",
            "dscp_seen_up, 46, true", "dscp_seen_up, 64, false", "dscp_seen_down, 0, true", "dscp_seen_down, 100, false",
            "mos_provisional, true, true", "mos_provisional, false, true", "mos_provisional, yes, false", "mos_provisional, TRUE, false",
            "source, snmp, true", "source, local, true", "source, SNMP, false", "counter_bits, 64, true", "counter_bits, 32, true",
            "counter_bits, 16, false", "line_rate_source, contracted, true", "line_rate_source, port, true",
            "wan_line_rate_source, port, true", "wan_line_rate_source, guessed, false",
            "codec, pcmu, true"})
    void meaningfulLabelsAreParsed(String key, String value, boolean valid) {
        assertThat(fields(label(key, value))).isEqualTo(valid ? List.of() : List.of("labels." + key));
    }

    @Test
    void labelValuesAreBoundedAndClean() {
        assertThat(fields(label("codec", "x".repeat(255)))).isEmpty();
        assertThat(fields(label("codec", "x".repeat(256)))).containsExactly("labels.codec");
        for (String bad : List.of("a\u0000", "a\tb", "a\nb", "\u001b[31m", "a\u007f", "a\u0085", "a\ud800")) {
            assertThat(fields(label("codec", bad))).as(bad).containsExactly("labels.codec");
        }
        assertThat(fields(label("codec", "g.711 \u00b5-law \ud83d\udcde"))).isEmpty();
    }

    @Test
    void identifiersHoldNoControlCharacters() {
        for (String bad : List.of("a\u0000b", "a\u001bb", "a\rb", "a\nb", "a\tb", "a\u007fb", "a\u009bb", "\udc00")) {
            assertThat(fields(text(bad, bad, "fine"))).as(bad).containsExactly("agentId", "target");
        }
    }

    @Test
    void reasonsMayBreakLinesButHoldNoOtherControls() {
        assertThat(fields(text("a", "t", "first line\n\tsecond line"))).isEmpty();
        for (String bad : List.of("a\u0000", "a\r\nb", "\u001b[2J", "a\u007f", "a\u0080", "a\ud800b")) {
            assertThat(fields(text("a", "t", bad))).as(bad).containsExactly("reason");
        }
        assertThat(ResultRules.check(text("a", "t", "x\u0000"), NOW, ResultRules.Window.DEFAULT).getFirst().message())
                .contains("U+0000");
    }

    @Test
    void detailsHoldNoNulAndStayBounded() {
        ObjectNode fine = JSON.objectNode().put("header", "Via: SIP/2.0/UDP 10.0.0.1\r\n").put("n", 1.5);
        assertThat(fields(details(fine))).isEmpty();
        assertThat(fields(details(JSON.objectNode().put("text", "a\u0000b")))).containsExactly("details.text");
        assertThat(fields(details(JSON.objectNode().set("inner", JSON.arrayNode().add("x\u0000"))))).containsExactly("details.inner[0]");
        assertThat(fields(details(JSON.objectNode().put("k\u0000ey", 1)))).containsExactly("details");
        assertThat(fields(details(JSON.textNode("\ud800")))).containsExactly("details");
        assertThat(fields(details(JSON.objectNode().put("big", new BigDecimal("1e100000"))))).containsExactly("details.big");
        assertThat(fields(details(JSON.objectNode().put("inf", Double.POSITIVE_INFINITY)))).containsExactly("details.inf");
        assertThat(fields(details(JSON.nullNode()))).isEmpty();
    }

    @Test
    void detailsAreAtMost64KiB() {
        String kb = "x".repeat(1024);
        ObjectNode small = JSON.objectNode();
        ObjectNode large = JSON.objectNode();
        for (int i = 0; i < 63; i++) {
            small.put("k" + i, kb);
        }
        for (int i = 0; i < 64; i++) {
            large.put("k" + i, kb);
        }
        assertThat(fields(details(small))).isEmpty();
        assertThat(fields(details(large))).containsExactly("details");
    }

    @Test
    void detailsNestAtMost32Levels() {
        assertThat(fields(details(nested(32)))).isEmpty();
        assertThat(fields(details(nested(33)))).singleElement().asString().startsWith("details[0][0]");
    }

    private static JsonNode nested(int levels) {
        ArrayNode root = JSON.arrayNode();
        ArrayNode at = root;
        for (int i = 1; i < levels; i++) {
            at = at.addArray();
        }
        return root;
    }

    @Test
    void everyViolationIsReported() {
        Map<String, Double> metrics = new HashMap<>(Map.of("rtt_ms", -1.0, "mos", 9.0));
        ProbeResult r = result(Instant.MIN, metrics, Map.of("dscp", "99"));
        assertThat(fields(r)).containsExactly("startedAt", "metrics.mos", "metrics.rtt_ms", "labels.dscp");
    }

    @Test
    void clipKeepsShortTextAndCutsLongText() {
        assertThat(WireText.clip(null)).isNull();
        assertThat(WireText.clip("x".repeat(80))).isEqualTo("x".repeat(80));
        assertThat(WireText.clip("x".repeat(81))).isEqualTo("x".repeat(80) + "...(81 characters)");
    }
}
