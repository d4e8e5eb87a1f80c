package io.callready.collector.ingest;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ResultStatus;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Random ingest bodies from one seed: mostly batches of valid results with a few fields mutated (wrong types, huge or
 * edge numbers, control characters, unpaired surrogates, deep nesting, missing and extra fields, random keys, ids
 * reused with another start time), some random JSON of any shape, some text that is not JSON at all.
 */
final class FuzzBodies {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper PLAIN = new ObjectMapper();
    /** Writes non-ASCII as escapes, so unpaired surrogates reach the collector as {@code \ud800}. */
    private static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final String[] FIELDS = {"id", "agentId", "kind", "target", "startedAt", "durationMs", "status", "reason",
            "metrics", "labels", "details"};
    private static final String[] METRIC_KEYS = {MetricNames.RTT_MS, MetricNames.RTT_MIN_MS, MetricNames.JITTER_UP_MS,
            MetricNames.LOSS_UP_RATIO, MetricNames.MOS, MetricNames.MOS_UP, "mos_if_g729", MetricNames.R_FACTOR,
            MetricNames.PACKETS_SENT, MetricNames.BURST_R_UP, MetricNames.PATH_MTU_BYTES, MetricNames.TLS_DAYS_TO_EXPIRY,
            MetricNames.SIP_STATUS_CODE, "sip_response_edge_ms", "some_future_metric", "Bad-Key", "", "x".repeat(70)};
    private static final String[] LABEL_KEYS = {MetricNames.LABEL_INTERVAL, MetricNames.LABEL_PTIME_MS, MetricNames.LABEL_DSCP,
            MetricNames.LABEL_DSCP_SEEN_UP, MetricNames.LABEL_MOS_PROVISIONAL, MetricNames.LABEL_CODEC, "free_text", "Bad Key"};
    private static final double[] EDGE_NUMBERS = {0, -0.0, -1, 1, 0.5, 1.5, 4.5, 4.500001, 100, 100.1, 63, 64, 699, 700,
            3_600_000, 3_600_000.5, 1e9, 1e9 + 1, 1e12, 1.0000001e12, 1e308, -1e308, 4.9e-324, Long.MAX_VALUE, -36_501, 36_500};
    private static final String[] LABEL_VALUES = {"5m", "1s", "24h", "25h", "0s", "999ms", "3000000000000000h",
            "99999999999999999999s", "20", "120", "121", "0", "63", "64", "-1", "true", "false", "TRUE", "1e3", "", " "};
    private static final String[] INSTANTS = {"-290000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
            "+1000000000-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "2026-13-45T99:99:99Z",
            "yesterday", "", "2026-01-01", "2026-01-01T00:00:00+25:00"};

    private final Random random;
    private final String agentId;
    private final Instant now;
    private final List<String> usedIds;

    FuzzBodies(Random random, String agentId, Instant now, List<String> usedIds) {
        this.random = random;
        this.agentId = agentId;
        this.now = now;
        this.usedIds = usedIds;
    }

    byte[] next() throws Exception {
        int kind = random.nextInt(100);
        if (kind < 8) {
            return garbage().getBytes(StandardCharsets.UTF_8);
        }
        JsonNode body;
        if (kind < 18) {
            body = randomValue(0);
        } else if (kind < 25) {
            body = JSON.objectNode().set("results", randomValue(0));
        } else {
            ArrayNode results = JSON.arrayNode();
            int n = 1 + random.nextInt(random.nextInt(10) == 0 ? 40 : 4);
            for (int i = 0; i < n; i++) {
                results.add(random.nextInt(20) == 0 ? randomValue(1) : mutated(validResult()));
            }
            ObjectNode batch = JSON.objectNode().set("results", results);
            if (random.nextInt(10) == 0) {
                batch.set(randomText(), randomValue(1));
            }
            body = batch;
        }
        return (random.nextBoolean() ? ESCAPING : PLAIN).writeValueAsBytes(body);
    }

    private ObjectNode validResult() {
        String id = !usedIds.isEmpty() && random.nextInt(15) == 0 ? usedIds.get(random.nextInt(usedIds.size())) : UUID.randomUUID().toString();
        usedIds.add(id);
        ObjectNode r = JSON.objectNode()
                .put("id", id)
                .put("agentId", agentId)
                .put("kind", ProbeKind.values()[random.nextInt(ProbeKind.values().length)].wireName())
                .put("target", "reflector-" + random.nextInt(5) + ".example.net:5004")
                .put("startedAt", now.minusSeconds(random.nextInt(3600)).toString())
                .put("durationMs", random.nextInt(100_000))
                .put("status", ResultStatus.values()[random.nextInt(ResultStatus.values().length)].wireName())
                .put("reason", random.nextBoolean() ? "" : "loss 1 %\nsecond line");
        r.putObject("metrics").put("rtt_ms", random.nextDouble() * 200).put("mos", 1 + random.nextDouble() * 3.5)
                .put("loss_up_ratio", random.nextDouble());
        r.putObject("labels").put("codec", "pcmu").put("interval", "5m");
        return r;
    }

    private ObjectNode mutated(ObjectNode r) {
        int mutations = random.nextInt(5);
        for (int i = 0; i < mutations; i++) {
            String field = FIELDS[random.nextInt(FIELDS.length)];
            switch (random.nextInt(7)) {
                case 0 -> r.remove(field);
                case 1 -> r.set(field, randomValue(1));
                case 2 -> ((ObjectNode) object(r, "metrics")).set(METRIC_KEYS[random.nextInt(METRIC_KEYS.length)], randomNumber());
                case 3 -> ((ObjectNode) object(r, "labels")).put(LABEL_KEYS[random.nextInt(LABEL_KEYS.length)],
                        random.nextBoolean() ? LABEL_VALUES[random.nextInt(LABEL_VALUES.length)] : randomText());
                case 4 -> r.put("startedAt", random.nextBoolean() ? INSTANTS[random.nextInt(INSTANTS.length)]
                        : now.plusSeconds(random.nextInt(1_400_000) - 1_200_000).toString());
                case 5 -> r.set("details", deep(random.nextInt(45)));
                default -> r.put(random.nextBoolean() ? "target" : "reason", randomText());
            }
        }
        return r;
    }

    private JsonNode object(ObjectNode r, String field) {
        JsonNode node = r.get(field);
        if (node == null || !node.isObject()) {
            node = JSON.objectNode();
            r.set(field, node);
        }
        return node;
    }

    private JsonNode deep(int depth) {
        JsonNode inner = JSON.textNode(randomText());
        for (int i = 0; i < depth; i++) {
            inner = random.nextBoolean() ? JSON.arrayNode().add(inner) : JSON.objectNode().set(randomText(), inner);
        }
        return inner;
    }

    private JsonNode randomNumber() {
        return switch (random.nextInt(6)) {
            case 0 -> JSON.numberNode(EDGE_NUMBERS[random.nextInt(EDGE_NUMBERS.length)]);
            case 1 -> JSON.numberNode(-EDGE_NUMBERS[random.nextInt(EDGE_NUMBERS.length)]);
            case 2 -> JSON.numberNode(new BigInteger(200, random));
            case 3 -> JSON.numberNode(new BigDecimal("1e" + (random.nextInt(2000) - 1000)));
            case 4 -> JSON.numberNode(random.nextGaussian() * 1000);
            default -> JSON.textNode(random.nextBoolean() ? "NaN" : "12");
        };
    }

    private JsonNode randomValue(int depth) {
        int pick = random.nextInt(depth > 5 ? 6 : 8);
        return switch (pick) {
            case 0 -> JSON.nullNode();
            case 1 -> JSON.booleanNode(random.nextBoolean());
            case 2, 3 -> randomNumber();
            case 4, 5 -> JSON.textNode(randomText());
            case 6 -> {
                ArrayNode a = JSON.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(randomValue(depth + 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = JSON.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    o.set(random.nextBoolean() ? FIELDS[random.nextInt(FIELDS.length)] : randomText(), randomValue(depth + 1));
                }
                yield o;
            }
        };
    }

    private String randomText() {
        int length = random.nextInt(10) == 0 ? random.nextInt(3000) : random.nextInt(12);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(switch (random.nextInt(10)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> (char) (0x7F + random.nextInt(0x21));
                case 2 -> (char) (0xD800 + random.nextInt(0x800));
                case 3 -> "\ud83d\udcde";
                case 4 -> (char) (0x4E00 + random.nextInt(500));
                default -> (char) (0x20 + random.nextInt(0x5F));
            });
        }
        return s.toString();
    }

    private String garbage() throws Exception {
        String valid = PLAIN.writeValueAsString(JSON.objectNode().set("results", JSON.arrayNode().add(validResult())));
        return switch (random.nextInt(4)) {
            case 0 -> valid.substring(0, random.nextInt(valid.length()));
            case 1 -> valid + "}";
            case 2 -> valid.replace(":", random.nextBoolean() ? "=" : ": NaN,");
            default -> randomText();
        };
    }
}
