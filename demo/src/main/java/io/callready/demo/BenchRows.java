package io.callready.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.wire.Json;
import io.callready.wire.plan.JitterBufferSpec;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultBatch;
import io.callready.wire.result.ResultStatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Results shaped like a real RTP burst's (33 metrics, 6 labels, the self-check details; about 2.1 KB of JSON),
 * as the gzip batch body an agent's Shipper sends and as the CSV lines {@code COPY results} reads: the same rows
 * either way.
 */
final class BenchRows {
    private static final ObjectMapper JSON = Json.newMapper();
    /** A site's usual plan interval for RTP bursts. */
    private static final String USUAL_INTERVAL = "5m";

    /** An agent the collector knows, with the ids ingest takes from its token. */
    record Agent(String customerId, String siteId, String agentId, String token) {
    }

    /** One batch as both ingest paths take it. */
    record Batch(Agent agent, int rows, byte[] gzipJson, byte[] csv, int jsonBytes) {
    }

    private BenchRows() {
    }

    /** @param withCsv also the CSV lines for COPY (the sustained run only posts) */
    static Batch batch(Agent agent, int rows, Random rnd, Instant now, boolean withCsv) {
        return batch(agent, rows, rnd, now, withCsv, USUAL_INTERVAL);
    }

    /** One result whose {@code interval} label is {@code planInterval}: the collector's offline check expects the next one that soon. */
    static Batch single(Agent agent, Random rnd, Instant now, String planInterval) {
        return batch(agent, 1, rnd, now, false, planInterval);
    }

    private static Batch batch(Agent agent, int rows, Random rnd, Instant now, boolean withCsv, String planInterval) {
        List<ProbeResult> results = new java.util.ArrayList<>(rows);
        StringBuilder csv = new StringBuilder(withCsv ? rows * 2400 : 0);
        for (int i = 0; i < rows; i++) {
            ProbeResult r = result(agent.agentId(), rnd, now, planInterval);
            results.add(r);
            if (withCsv) {
                csvLine(csv, agent, r);
            }
        }
        try {
            byte[] json = JSON.writeValueAsBytes(new ResultBatch(results));
            return new Batch(agent, rows, gzip(json), csv.toString().getBytes(StandardCharsets.UTF_8), json.length);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a batch", e);
        }
    }

    /** Gzip at the level an agent uses for its outbox batches: fast, since the agent's CPU matters more than bytes. */
    private static byte[] gzip(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 65_536) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void csvLine(StringBuilder csv, Agent agent, ProbeResult r) {
        try {
            csv.append(r.id()).append(',').append(r.startedAt().truncatedTo(ChronoUnit.MICROS)).append(',')
                    .append(agent.customerId()).append(',').append(agent.siteId()).append(',').append(agent.agentId()).append(',')
                    .append(r.kind().wireName()).append(',');
            quoted(csv, r.target()).append(',').append(r.status().wireName()).append(',');
            quoted(csv, r.reason()).append(',').append(r.durationMs()).append(',');
            quoted(csv, JSON.writeValueAsString(r.metrics())).append(',');
            quoted(csv, JSON.writeValueAsString(r.labels())).append(',');
            quoted(csv, JSON.writeValueAsString(r.details())).append('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a row", e);
        }
    }

    private static StringBuilder quoted(StringBuilder csv, String value) {
        return csv.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    /** A clean RTP burst of 500 packets each way: the metrics, labels and details the probe stores. */
    private static ProbeResult result(String agentId, Random rnd, Instant now, String planInterval) {
        Map<String, Double> m = new LinkedHashMap<>();
        double rtt = 10 + rnd.nextDouble() * 40;
        double jitterUp = rnd.nextDouble() * 3;
        double jitterDown = rnd.nextDouble() * 3;
        m.put("packets_sent_count", 500.0);
        m.put("packets_received_count", 500.0 - rnd.nextInt(3));
        m.put("rtt_ms", rtt);
        m.put("rtt_min_ms", rtt * 0.9);
        m.put("rtt_max_ms", rtt * 1.6);
        m.put("rtt_p95_ms", rtt * 1.3);
        m.put("rtt_p99_ms", rtt * 1.5);
        m.put("jitter_up_ms", jitterUp);
        m.put("jitter_down_ms", jitterDown);
        m.put("jitter_up_max_ms", jitterUp * 3);
        m.put("jitter_down_max_ms", jitterDown * 3);
        m.put("loss_up_ratio", rnd.nextDouble() * 0.004);
        m.put("loss_down_ratio", rnd.nextDouble() * 0.004);
        m.put("lost_up_count", (double) rnd.nextInt(2));
        m.put("lost_down_count", (double) rnd.nextInt(2));
        m.put("duplicates_up_count", 0.0);
        m.put("duplicates_down_count", 0.0);
        m.put("reordered_up_count", 0.0);
        m.put("reordered_down_count", 0.0);
        m.put("burst_r_up", 1.0);
        m.put("burst_r_down", 1.0);
        m.put("late_discards_up_count", 0.0);
        m.put("late_discards_down_count", 0.0);
        m.put("jitter_buffer_up_ms", 40.0);
        m.put("jitter_buffer_down_ms", 40.0);
        m.put("mouth_to_ear_delay_ms", rtt / 2 + 60);
        m.put("r_factor", 90 - rnd.nextDouble() * 5);
        m.put("mos", 4.3 - rnd.nextDouble() * 0.2);
        m.put("mos_up", 4.35);
        m.put("mos_down", 4.3);
        m.put("pacing_error_p99_ms", rnd.nextDouble() * 0.2);
        m.put("clock_offset_ms", rnd.nextDouble() * 2);
        m.put("send_duration_ms", 10_000 + rnd.nextDouble() * 5);
        Map<String, String> labels = Map.of("codec", "pcmu", "ptime_ms", "20", "dscp", "46", "interval", planInterval,
                "jitter_buffer", JitterBufferSpec.DEFAULT.toString(), "mos_provisional", "false");
        ObjectNode self = JSON.createObjectNode().put("pacing_error_median_ms", 0.02).put("cpu_ms", 11.5)
                .put("reflector_tx_timestamps", "kernel").put("receiver_wakeups", 512);
        JsonNode details = JSON.createObjectNode().put("stats_received", true).put("reflector_version", "0.1.0")
                .put("local_address", "192.168.10.23:40122").put("reflector_address", "203.0.113.17:5004")
                .put("nat_mapping", "endpoint-independent").put("clock_sync", "chrony, offset below 1 ms")
                .put("send_socket", "SO_TXTIME off, SO_TIMESTAMPING rx software")
                .put("receive_buffer_bytes", 212_992).put("first_arrival_ms", 21.4).put("last_arrival_ms", 10_021.9)
                .put("arrival_pages", 6).put("reflector_arrival_pages", 6).put("warm_up_packets", 10)
                .put("path", "site LAN -> NAT 192.168.10.1 -> ISP -> 203.0.113.17").set("self", self);
        return new ProbeResult(UUID.randomUUID(), agentId, ProbeKind.RTP_BURST, "reflector.example.net:5004",
                now.minusMillis(rnd.nextInt(60_000)), 10_000 + rnd.nextInt(900), ResultStatus.OK,
                "clean path: 500 of 500 packets each way, MOS above 4.0", m, labels, details);
    }
}
