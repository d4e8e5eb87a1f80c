package io.callready.wire.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The check given the details' text once is the plain check; the byte count is what UTF-8 encoding gives. */
class DetailsJsonTest {
    @Test
    void utf8LengthIsTheEncodedLength() {
        Random rnd = new Random(15);
        char[] pool = {'a', '"', '\\', 'é', 'ß', '€', '\u07ff', '\u0800', '\uffff', '\ud83c', '\udfa7', '\u0000', '\u007f'};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = rnd.nextInt(30); j > 0; j--) {
                text.append(rnd.nextInt(3) == 0 ? (char) rnd.nextInt(Character.MAX_VALUE + 1) : pool[rnd.nextInt(pool.length)]);
            }
            String s = text.toString();
            assertThat(DetailsRules.utf8Length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void checkWithTheTextIsThePlainCheck() {
        Instant now = Instant.parse("2026-11-21T12:00:00Z");
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode big = f.objectNode().put("blob", "é".repeat(32 * 1024));
        ObjectNode fits = f.objectNode().put("blob", "é".repeat(32 * 1024 - 8));
        ObjectNode nul = f.objectNode().put("k", "a\u0000b");
        for (JsonNode details : new JsonNode[] {null, NullNode.getInstance(), f.objectNode(), big, fits, nul, f.arrayNode().add(1.5)}) {
            ProbeResult r = new ProbeResult(UUID.randomUUID(), "a", ProbeKind.STAMP, "t", now, 1, ResultStatus.OK, "",
                    Map.of("rtt_ms", 1.0), Map.of(), details);
            assertThat(ResultRules.check(r, now, ResultRules.Window.DEFAULT, ResultRules.detailsJson(details)))
                    .isEqualTo(ResultRules.check(r, now, ResultRules.Window.DEFAULT));
        }
        assertThat(ResultRules.detailsJson(null)).isNull();
        assertThat(ResultRules.detailsJson(NullNode.getInstance())).isNull();
        assertThat(ResultRules.check(new ProbeResult(UUID.randomUUID(), "a", ProbeKind.STAMP, "t", now, 1, ResultStatus.OK, "",
                Map.of(), Map.of(), big), now, ResultRules.Window.DEFAULT)).extracting(ResultRules.Violation::field).containsExactly("details");
    }

    @Test
    void sizeLimitHoldsToTheByteWhateverTheCharsAre() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        int overhead = "{\"b\":\"\"}".length();
        for (String wide : new String[] {"€", "é", "🎧"}) {
            int bytesEach = wide.getBytes(StandardCharsets.UTF_8).length;
            int count = (DetailsRules.MAX_BYTES - overhead) / bytesEach - 1;
            for (int extra = -1; extra <= 2; extra++) {
                int ascii = DetailsRules.MAX_BYTES - overhead - count * bytesEach + extra;
                ObjectNode d = f.objectNode().put("b", wide.repeat(count) + "a".repeat(ascii));
                String json = ResultRules.detailsJson(d);
                assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSize(DetailsRules.MAX_BYTES + extra);
                assertThat(DetailsRules.check("details", d, json) == null).as(wide + " " + extra).isEqualTo(extra <= 0);
            }
        }
        ObjectNode third = f.objectNode().put("b", "a".repeat(DetailsRules.MAX_BYTES / 3 - overhead));
        assertThat(DetailsRules.check("details", third, ResultRules.detailsJson(third))).isNull();
    }

    @Test
    void faultsInManyKeysAreReportedInKeyOrder() {
        Instant now = Instant.parse("2026-11-21T12:00:00Z");
        Map<String, Double> metrics = Map.of("z_ratio", 2.0, "a_ratio", 3.0, "m_ms", -1.0, "ok_ms", 1.0, "b_count", 0.5);
        ProbeResult r = new ProbeResult(UUID.randomUUID(), "a", ProbeKind.STAMP, "t", now, 1, ResultStatus.OK, "", metrics,
                Map.of("dscp", "99", "codec", "pcmu", "interval", "never"), null);
        assertThat(ResultRules.check(r, now, ResultRules.Window.DEFAULT)).extracting(ResultRules.Violation::field).containsExactly(
                "metrics.a_ratio", "metrics.b_count", "metrics.m_ms", "metrics.z_ratio", "labels.dscp", "labels.interval");
    }
}
