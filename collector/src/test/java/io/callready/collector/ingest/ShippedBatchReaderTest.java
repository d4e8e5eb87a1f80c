package io.callready.collector.ingest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.collector.config.WireJsonCustomizer;
import io.callready.collector.support.Payloads;
import io.callready.wire.Json;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultBatch;
import io.callready.wire.result.ResultRules;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming reader gives the verdict the tree reader gives, for every batch it reads; what it does not read
 * (null) the tree reader reads as before. Compared on the payload corpora, the poison corpus and fuzzed bodies.
 */
class ShippedBatchReaderTest {
    private static final ObjectMapper MAPPER = quarkusLike();
    private static final UUID AGENT = UUID.fromString("5f0c2a4e-1b7d-4c3a-9e2f-0a1b2c3d4e5f");

    /** The collector's mapper: Quarkus's defaults (unknown properties ignored) and the wire customizer. */
    private static ObjectMapper quarkusLike() {
        ObjectMapper mapper = Json.newMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        new WireJsonCustomizer().customize(mapper);
        return mapper;
    }

    /** @return whether the streaming reader read the body (and then gave the same verdict) */
    private static boolean sameVerdict(byte[] body, Instant now) {
        List<ProbeResult> plain = ShippedBatchReader.read(body, MAPPER);
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (IOException e) {
            assertThat(plain).as("a body the tree reader refuses: %s", e.getMessage()).isNull();
            return false;
        }
        if (plain == null) {
            return false;
        }
        BatchValidator.Verdict byTree = BatchValidator.validate(tree, MAPPER, now, ResultRules.Window.DEFAULT, Enum::name);
        assertThat(BatchValidator.validate(plain, now, ResultRules.Window.DEFAULT)).isEqualTo(byTree);
        return true;
    }

    private static byte[] rendered(Path template) {
        return Payloads.render(template, AGENT).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsEveryValidCorpusBatchAsTheTreeReaderDoes() {
        List<Path> valid = Payloads.list("valid", ".json");
        assertThat(valid).isNotEmpty();
        for (Path p : valid) {
            assertThat(sameVerdict(rendered(p), Instant.now())).as(p.toString()).isTrue();
        }
    }

    @Test
    void invalidAndMixedCorpusGetTheTreeReadersVerdict() {
        int read = 0;
        List<Path> all = new ArrayList<>(Payloads.list("invalid", ".json"));
        all.addAll(Payloads.list("mixed", ".json"));
        for (Path p : all) {
            read += sameVerdict(rendered(p), Instant.now()) ? 1 : 0;
        }
        // Rule faults in well-typed results (ranges, keys, times) are read here and rejected by the same rules.
        assertThat(read).isGreaterThan(10);
    }

    @Test
    void poisonResultsGetTheTreeReadersVerdict() throws IOException {
        Instant now = Instant.parse("2026-11-21T12:00:00Z");
        int read = 0;
        try (Stream<Path> files = Files.list(PoisonCorpusIT.CORPUS)) {
            for (Path file : files.sorted().toList()) {
                String result = MAPPER.writeValueAsString(MAPPER.readTree(Files.readString(file)).get("result"))
                        .replace("{{uuid}}", UUID.randomUUID().toString()).replace("{{agentId}}", AGENT.toString())
                        .replace("{{startedAt}}", now.minusSeconds(60).toString());
                result = PoisonCorpusIT.RELATIVE.matcher(result).replaceAll(m -> ("ahead".equals(m.group(1))
                        ? now.plusSeconds(Long.parseLong(m.group(2))) : now.minusSeconds(Long.parseLong(m.group(2)))).toString());
                read += sameVerdict(("{\"results\": [" + result + "]}").getBytes(StandardCharsets.UTF_8), now) ? 1 : 0;
            }
        }
        assertThat(read).isGreaterThan(10);
    }

    @Test
    void fuzzedBodiesGetTheTreeReadersVerdict() throws Exception {
        Instant now = Instant.parse("2026-11-21T12:00:00Z");
        FuzzBodies fuzz = new FuzzBodies(new Random(15), AGENT.toString(), now, new ArrayList<>());
        int read = 0;
        for (int i = 0; i < 3000; i++) {
            read += sameVerdict(fuzz.next(), now) ? 1 : 0;
        }
        assertThat(read).isGreaterThan(100);
    }

    @Test
    void readsABatchAsTheAgentShipsIt() throws Exception {
        Instant now = Instant.parse("2026-11-21T12:00:00Z");
        Random rnd = new Random(7);
        List<ProbeResult> results = new ArrayList<>();
        for (int i = 0; i < ResultBatch.MAX_RESULTS; i++) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("rtt_ms", rnd.nextDouble() * 100);
            metrics.put("packets_sent_count", 500.0);
            metrics.put("loss_up_ratio", rnd.nextDouble() * 1e-5);
            metrics.put("mos", 4.0 + rnd.nextDouble() / 2);
            JsonNode details = i % 3 == 0 ? null : MAPPER.createObjectNode().put("path", "a \"quoted\" hop")
                    .put("big", 1e300).put("small", 4.9e-324).put("whole", 12345678901L).set("inner", MAPPER.createArrayNode().add(1.5).add("x"));
            results.add(new ProbeResult(UUID.randomUUID(), AGENT.toString(), ProbeKind.values()[i % ProbeKind.values().length],
                    "reflector.example.net:5004", now.minusMillis(rnd.nextInt(60_000)).plusNanos(rnd.nextInt(1000)), rnd.nextInt(20_000),
                    ResultStatus.values()[i % ResultStatus.values().length], i % 2 == 0 ? "" : "line\n\ttab \\ \"q\" é 🎧",
                    metrics, Map.of("codec", "pcmu", "interval", "5m", "free_text", "ü \\ \""), details));
        }
        byte[] body = Json.newMapper().writeValueAsBytes(new ResultBatch(results));
        assertThat(sameVerdict(body, now)).isTrue();
        assertThat(ShippedBatchReader.read(body, MAPPER)).isEqualTo(results);
    }

    @Test
    void ignoresAFieldFromANewerAgentOnlyWhereTheBinderDoes() {
        byte[] body = Payloads.render(Payloads.ROOT.resolve("valid/several-kinds-of-outcome.json"), AGENT).getBytes(StandardCharsets.UTF_8);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("unknownFieldFromNewerAgent");
        assertThat(ShippedBatchReader.read(body, MAPPER)).hasSize(3);
        assertThat(ShippedBatchReader.read(body, Json.newMapper())).isNull();
    }

    @Test
    void leavesToTheTreeReaderWhatItIsNotSureToReadAlike() {
        String ok = "{\"id\":\"" + UUID.randomUUID() + "\",\"agentId\":\"a\",\"kind\":\"stamp\",\"target\":\"t\","
                + "\"startedAt\":\"2026-11-21T11:59:00Z\",\"durationMs\":1,\"status\":\"ok\",\"reason\":\"\",\"metrics\":{},\"labels\":{}";
        assertThat(ShippedBatchReader.read(("{\"results\":[" + ok + "}]}").getBytes(StandardCharsets.UTF_8), MAPPER)).hasSize(1);
        for (String body : List.of(
                "{\"results\":[" + ok + ",\"reason\":\"again\"}]}",
                "{\"results\":[" + ok.replace("\"durationMs\":1", "\"durationMs\":1.5") + "}]}",
                "{\"results\":[" + ok.replace("\"durationMs\":1", "\"durationMs\":\"1\"") + "}]}",
                "{\"results\":[" + ok.replace("\"durationMs\":1,", "") + "}]}",
                "{\"results\":[" + ok.replace("11:59:00Z", "11:59:00+00:00") + "}]}",
                "{\"results\":[" + ok.replace("\"stamp\"", "\"STAMP\"") + "}]}",
                "{\"results\":[" + ok.replace("\"labels\":{}", "\"labels\":{\"ptime_ms\":20}") + "}]}",
                "{\"results\":[" + ok.replace("\"metrics\":{}", "\"metrics\":{\"rtt_ms\":null}") + "}]}",
                "{\"results\":[" + ok + "}],\"more\":true}",
                "{\"results\":[" + ok + "}]} trailing",
                "{\"results\":[]}",
                "{\"results\":[null]}",
                "[]",
                "")) {
            assertThat(ShippedBatchReader.read(body.getBytes(StandardCharsets.UTF_8), MAPPER)).as(body).isNull();
        }
    }
}
