package io.callready.wire.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableResultTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static ProbeResult result(String target, String reason, Map<String, String> labels, JsonNode details) {
        return new ProbeResult(UUID.randomUUID(), "agent-1", ProbeKind.SIP_OPTIONS, target, NOW, 10, ResultStatus.FAILED,
                reason, Map.of("dns_ms", 3.0), labels, details);
    }

    static void assertStorable(ProbeResult r) {
        assertThat(ResultRules.check(r, NOW, ResultRules.Window.DEFAULT)).as("%s", r).isEmpty();
    }

    @Test
    void remoteTextIsEscapedVisiblyAndClippedToTheRuleLengths() {
        ObjectNode details = JSON.objectNode().put("reason", "O\u0000K\r\n").put("k\u0000", "v");
        ProbeResult r = PrintableResult.of(result("sip:\u001bx", "got \"O\u0000K\"\nnext\t\r" + "y".repeat(3000),
                Map.of("profile", "p\u0085" + "z".repeat(300)), details));
        assertStorable(r);
        assertThat(r.target()).isEqualTo("sip:\\u001bx");
        assertThat(r.reason()).startsWith("got \"O\\u0000K\"\nnext\t\\ryyy").hasSize(ResultRules.MAX_REASON_LENGTH).endsWith("…");
        assertThat(r.labels().get("profile")).startsWith("p\\u0085zz").hasSize(255);
        assertThat(r.details().get("reason").textValue()).as("details keep CR/LF, as evidence").isEqualTo("O\\u0000K\r\n");
        assertThat(r.details().get("k\\u0000").textValue()).isEqualTo("v");
        assertThat(r.metrics()).containsEntry("dns_ms", 3.0);
    }

    @Test
    void aBlankOrMissingTargetAndAMissingReasonBecomeStorable() {
        assertThat(PrintableResult.of(result(" ", null, Map.of(), null)).target()).isEqualTo(PrintableResult.NO_TARGET);
        assertThat(PrintableResult.of(result(null, null, Map.of(), null)).reason()).isEmpty();
        assertThat(PrintableResult.of(result("\t", "", Map.of(), null)).target()).isEqualTo("\\t");
    }

    @Test
    void oversizedDetailsAreCutStringByStringNotDropped() {
        ObjectNode details = JSON.objectNode();
        for (int i = 0; i < 10; i++) {
            details.put("header" + i, "v".repeat(20_000));
        }
        ProbeResult r = PrintableResult.of(result("t", "", Map.of(), details));
        assertStorable(r);
        assertThat(r.details().get("header9").textValue()).hasSize(2000).endsWith("…");
    }

    @Test
    void detailsTooDeepOrUnstorableAreSaidSo() {
        ObjectNode root = JSON.objectNode();
        ObjectNode node = root;
        for (int i = 0; i < 40; i++) {
            node = node.putObject("n");
        }
        assertStorable(PrintableResult.of(result("t", "", Map.of(), root)));
        ProbeResult nan = PrintableResult.of(result("t", "", Map.of(), JSON.objectNode().put("x", Double.NaN)));
        assertStorable(nan);
        assertThat(nan.details().get("omitted").textValue()).contains("finite");
    }

    @Test
    void randomTextInEveryTextFieldGivesAStorableResult() {
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 5000; i++) {
            ObjectNode details = JSON.objectNode();
            details.put(WireTextTest.randomText(random, 5), WireTextTest.randomText(random, random.nextInt(0, 200)));
            details.putArray("list").add(WireTextTest.randomText(random, 30)).addObject()
                    .put(WireTextTest.randomText(random, 3), WireTextTest.randomText(random, 30));
            ProbeResult r = PrintableResult.of(result(WireTextTest.randomText(random, random.nextInt(0, 400)),
                    WireTextTest.randomText(random, random.nextInt(0, 3000)),
                    Map.of("profile", WireTextTest.randomText(random, random.nextInt(0, 400))), details));
            assertStorable(r);
            assertThat(PrintableResult.of(r)).as("idempotent").usingRecursiveComparison().ignoringFields("id").isEqualTo(r);
        }
    }
}
