package io.callready.collector.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.wire.Json;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The directly written text is the text the wire's ObjectMapper writes for the same valid metrics and labels. */
class StoredJsonTest {
    private static final ObjectMapper MAPPER = Json.newMapper();
    private static final double[] EDGES = {0, -0.0, 1, -1, 0.1, 1e-7, 1e-3, 1e7, 9_999_999.999, 1e12, -1e12, 4.9e-324,
            Double.MIN_NORMAL, 1e9, 123456789.123456789, 2.5e-5, 3_600_000};
    private static final String[] TEXT = {"", "pcmu", "5m", "a \"quoted\" value", "back\\slash", "\\\"", "ü é ß", "🎧 headset",
            "fixed:60", "x".repeat(255), "tab\u00a0nbsp", "/slash/", "'single'"};

    @Test
    void writesWhatTheMapperWrites() throws Exception {
        Random rnd = new Random(15);
        for (int round = 0; round < 2000; round++) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            Map<String, String> labels = new LinkedHashMap<>();
            int n = rnd.nextInt(40);
            for (int i = 0; i < n; i++) {
                double value = switch (rnd.nextInt(4)) {
                    case 0 -> EDGES[rnd.nextInt(EDGES.length)];
                    case 1 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(30) - 15);
                    case 2 -> rnd.nextInt(100_000);
                    default -> Double.longBitsToDouble(rnd.nextLong() & 0x7fefffffffffffffL);
                };
                metrics.put("m" + i + "_ms", value);
                labels.put("l" + i, TEXT[rnd.nextInt(TEXT.length)]);
            }
            assertThat(StoredJson.metrics(metrics)).isEqualTo(MAPPER.writeValueAsString(metrics));
            assertThat(StoredJson.labels(labels)).isEqualTo(MAPPER.writeValueAsString(labels));
        }
    }

    @Test
    void emptyMapsAreEmptyObjects() {
        assertThat(StoredJson.metrics(Map.of())).isEqualTo("{}");
        assertThat(StoredJson.labels(Map.of())).isEqualTo("{}");
    }
}
