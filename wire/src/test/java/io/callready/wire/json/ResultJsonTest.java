package io.callready.wire.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.wire.Json;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultBatch;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** ResultJson against databind: the same documents, and the binder reads back what databind reads. */
class ResultJsonTest {
    private static final ObjectMapper DATABIND = Json.newMapper();
    private static final String[] TEXTS = {"", "ok", "café ☃ 😀", "tab\tquote\"backslash\\", "ctl\u0001\u001f", "reflector.example.net:5004"};

    private static ProbeResult random(Random r) throws IOException {
        Map<String, Double> metrics = new HashMap<>();
        double[] values = {0.0, -0.0, 4.37, 1e-300, 1.7976931348623157e308, 12.345678901234567, 1, Double.MIN_VALUE};
        for (int i = r.nextInt(8); i > 0; i--) {
            metrics.put("m" + i + "_ms", r.nextBoolean() ? values[r.nextInt(values.length)] : r.nextDouble() * 1000);
        }
        Map<String, String> labels = new HashMap<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            labels.put("l" + i, TEXTS[r.nextInt(TEXTS.length)]);
        }
        JsonNode details = r.nextInt(3) == 0 ? null : DATABIND.readTree(
                "{\"legs\":[{\"port\":" + r.nextInt(65536) + ",\"rtt_ms\":" + r.nextDouble() + ",\"note\":" + DATABIND.writeValueAsString(TEXTS[r.nextInt(TEXTS.length)])
                        + "}],\"big\":" + (Long.MAX_VALUE - r.nextInt(10)) + ",\"ok\":" + r.nextBoolean() + ",\"none\":null}");
        ProbeKind[] kinds = ProbeKind.values();
        ResultStatus[] statuses = ResultStatus.values();
        Instant at = Instant.ofEpochSecond(1_700_000_000L + r.nextInt(100_000_000), r.nextInt(4) == 0 ? 0 : r.nextInt(1_000_000_000));
        return new ProbeResult(UUID.randomUUID(), r.nextInt(5) == 0 ? null : "agent-" + r.nextInt(100), kinds[r.nextInt(kinds.length)],
                TEXTS[r.nextInt(TEXTS.length)], at, r.nextInt(600_000), statuses[r.nextInt(statuses.length)], TEXTS[r.nextInt(TEXTS.length)],
                metrics, labels, details);
    }

    @RepeatedTest(200)
    void writesTheDocumentDatabindWritesAndReadsItBack() throws IOException {
        Random r = new Random();
        ProbeResult result = random(r);
        byte[] ours = ResultJson.write(result);
        assertThat(DATABIND.readTree(ours)).isEqualTo(DATABIND.readTree(DATABIND.writeValueAsBytes(result)));
        assertThat(RecordBinder.bind(JsonTrees.read(ours), ProbeResult.class)).contains(DATABIND.readValue(ours, ProbeResult.class));
    }

    @Test
    void writesTheBatchDatabindWrites() throws IOException {
        Random r = new Random(15);
        List<ProbeResult> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(random(r));
        }
        assertThat(DATABIND.readTree(ResultJson.writeBatch(results)))
                .isEqualTo(DATABIND.readTree(DATABIND.writeValueAsBytes(new ResultBatch(results))));
        assertThat(DATABIND.readTree(ResultJson.writeBatch(List.of()))).isEqualTo(DATABIND.readTree(DATABIND.writeValueAsBytes(new ResultBatch(List.of()))));
    }
}
