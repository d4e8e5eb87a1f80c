package io.callready.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.wire.Json;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The COPY text {@link StagedRows} writes byte by byte into its buffer equals the text built the plain way here:
 * {@code UUID.toString()}, a formatter for the time, the mapper's JSON, {@code replace} for COPY's escapes and
 * {@code getBytes(UTF_8)}; over random rows with every escape, multi-byte and surrogate-pair text, and texts
 * longer than a chunk, so slices and chunk ends fall anywhere.
 */
class StagedRowsTest {
    private static final ObjectMapper MAPPER = Json.newMapper();
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final String[] PIECES = {"a", "sip:100@pbx.example", "\\", "\t", "\n", "\r", "\"", "ü", "é", "ß", "€", "中",
            "🎧", "\u00a0", "\u07ff", "\u0800", "\uffff", "x".repeat(1023), " "};

    @Test
    void writesWhatThePlainEncodingWrites() throws Exception {
        Random rnd = new Random(15);
        for (int round = 0; round < 300; round++) {
            List<BatchValidator.Candidate> batch = new ArrayList<>();
            StringBuilder expected = new StringBuilder();
            int rows = 1 + rnd.nextInt(round % 10 == 0 ? 60 : 8);
            for (int i = 0; i < rows; i++) {
                BatchValidator.Candidate c = candidate(rnd, i);
                batch.add(c);
                expected.append(plainRow(c));
            }
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            List<Integer> chunkSizes = new ArrayList<>();
            StagedRows.encode(batch, (bytes, offset, length) -> {
                written.write(bytes, offset, length);
                chunkSizes.add(length);
            });
            byte[] want = expected.toString().getBytes(StandardCharsets.UTF_8);
            byte[] got = written.toByteArray();
            int at = java.util.Arrays.mismatch(want, got);
            assertThat(at).as("round %d: first byte that differs, around %s", round,
                    at < 0 ? "" : new String(want, Math.max(0, at - 40), Math.min(want.length, at + 40) - Math.max(0, at - 40), StandardCharsets.UTF_8)
                            + " | " + new String(got, Math.max(0, at - 40), Math.min(got.length, at + 40) - Math.max(0, at - 40), StandardCharsets.UTF_8)).isEqualTo(-1);
            assertThat(chunkSizes).allSatisfy(n -> assertThat(n).isPositive().isLessThanOrEqualTo(64 * 1024 + 4096));
        }
    }

    private static BatchValidator.Candidate candidate(Random rnd, int index) throws Exception {
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = rnd.nextInt(34); i > 0; i--) {
            metrics.put("m" + i + "_ms", rnd.nextBoolean() ? rnd.nextInt(1000) : rnd.nextDouble() * Math.pow(10, rnd.nextInt(20) - 8));
            // Label values hold no control character (ResultRules), so StoredJson escapes only quote and backslash.
            labels.put("l" + i, text(rnd, 4).replaceAll("\\p{Cntrl}", "_"));
        }
        JsonNode details = null;
        if (rnd.nextInt(4) > 0) {
            ObjectNode d = MAPPER.createObjectNode();
            d.put("evidence", text(rnd, rnd.nextInt(10) == 0 ? 200 : 10));
            d.putArray("hops").add(rnd.nextInt()).add(text(rnd, 3));
            details = d;
        }
        Instant started = Instant.ofEpochSecond(1_700_000_000L + rnd.nextInt(100_000_000), rnd.nextInt(1_000_000_000));
        ProbeResult r = new ProbeResult(new UUID(rnd.nextLong(), rnd.nextLong()), UUID.randomUUID().toString(),
                ProbeKind.values()[rnd.nextInt(ProbeKind.values().length)], text(rnd, 5), started, rnd.nextInt(100_000),
                ResultStatus.values()[rnd.nextInt(ResultStatus.values().length)], text(rnd, rnd.nextInt(30) == 0 ? 150 : 6),
                Map.copyOf(metrics), Map.copyOf(labels), details);
        return new BatchValidator.Candidate(index, r, details == null ? null : MAPPER.writeValueAsString(details));
    }

    private static String text(Random rnd, int pieces) {
        StringBuilder s = new StringBuilder();
        for (int i = rnd.nextInt(pieces + 1); i > 0; i--) {
            s.append(PIECES[rnd.nextInt(PIECES.length)]);
        }
        return s.toString();
    }

    private static String plainRow(BatchValidator.Candidate c) throws Exception {
        ProbeResult r = c.result();
        return String.join("\t", r.id().toString(), MICROS.format(r.startedAt()), r.kind().wireName(), escaped(r.target()),
                r.status().wireName(), escaped(r.reason()), Long.toString(r.durationMs()),
                escaped(MAPPER.writeValueAsString(r.metrics())), escaped(MAPPER.writeValueAsString(r.labels())),
                c.detailsJson() == null ? "\\N" : escaped(c.detailsJson())) + "\n";
    }

    private static String escaped(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
