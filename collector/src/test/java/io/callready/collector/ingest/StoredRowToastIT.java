package io.callready.collector.ingest;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * V221 and the staging table: a burst of realistic size (33 metrics and about 700 B of details, past the 2 KB at
 * which PostgreSQL compresses by default) arrives through ingest and is stored uncompressed, so the jobs read its
 * metrics without decompressing them; a row longer than the target is still compressed.
 */
@QuarkusTest
class StoredRowToastIT {
    /** Where PostgreSQL's default TOAST target lies (8 KB pages): a row below it says nothing about V221. */
    private static final int DEFAULT_TOAST_TARGET_BYTES = 2032;

    @Inject
    AgroalDataSource db;

    @Test
    void aRealisticBurstIsStoredUncompressedAndALongRowCompressed() throws Exception {
        Api.TestTenant tenant = Api.newTenant();
        UUID usual = UUID.randomUUID();
        UUID longer = UUID.randomUUID();
        Api.asAgent(tenant.token()).body(Map.of("results", List.of(burst(usual, tenant, 90), burst(longer, tenant, 1_200))))
                .post("/api/v1/results").then().statusCode(200).body("accepted", equalTo(2));

        Map<UUID, Stored> byId = new LinkedHashMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement q = c.prepareStatement("""
                     SELECT result_id, pg_column_compression(metrics), pg_column_compression(details),
                            pg_column_size(r.*), metrics ->> 'mos'
                     FROM results r WHERE site_id = ?""")) {
            q.setObject(1, tenant.siteId());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getString(5)).isEqualTo("4.12");
                    byId.put(rs.getObject(1, UUID.class), new Stored(rs.getString(2), rs.getString(3), rs.getInt(4)));
                }
            }
            // the staging table's target is the one V221 gave results
            try (ResultSet rs = c.createStatement().executeQuery("SELECT reloptions::text FROM pg_class WHERE oid = 'results'::regclass")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("{toast_tuple_target=" + StagedRows.RESULTS_TOAST_TUPLE_TARGET + "}");
            }
        }
        assertThat(byId).containsOnlyKeys(usual, longer);
        assertThat(byId.get(usual).bytes()).as("stored size of the usual burst").isGreaterThan(DEFAULT_TOAST_TARGET_BYTES);
        assertThat(byId.get(usual).metricsCompression()).as("metrics of the usual burst").isNull();
        assertThat(byId.get(usual).detailsCompression()).as("details of the usual burst").isNull();
        assertThat(byId.get(longer).detailsCompression()).as("details of the long burst").isEqualTo("pglz");
    }

    /** How a row is stored: each column's compression method (null: none) and the row's size in bytes. */
    private record Stored(String metricsCompression, String detailsCompression, int bytes) {
    }

    /** An rtp_burst result with the 33 metrics the agent sends and {@code samples} jitter samples in its details. */
    private static Map<String, Object> burst(UUID id, Api.TestTenant tenant, int samples) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("mos", 4.12);
        metrics.put("mos_up", 4.15);
        metrics.put("mos_down", 4.12);
        metrics.put("r_factor", 84.3);
        metrics.put("burst_r_up", 1.0);
        metrics.put("burst_r_down", 1.02);
        for (String ms : List.of("rtt_ms", "rtt_min_ms", "rtt_max_ms", "rtt_p95_ms", "rtt_p99_ms", "jitter_up_ms", "jitter_down_ms",
                "jitter_up_max_ms", "jitter_down_max_ms", "clock_offset_ms", "send_duration_ms", "jitter_buffer_up_ms",
                "jitter_buffer_down_ms", "pacing_error_p99_ms", "mouth_to_ear_delay_ms")) {
            metrics.put(ms, 31.337 + ms.length());
        }
        for (String count : List.of("lost_up_count", "lost_down_count", "packets_sent_count", "packets_received_count",
                "reordered_up_count", "reordered_down_count", "duplicates_up_count", "duplicates_down_count",
                "late_discards_up_count", "late_discards_down_count")) {
            metrics.put(count, (double) count.length());
        }
        metrics.put("loss_up_ratio", 0.0042);
        metrics.put("loss_down_ratio", 0.0017);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", id.toString());
        result.put("agentId", tenant.agentId().toString());
        result.put("kind", "rtp_burst");
        result.put("target", "reflector.example.net:5004");
        result.put("startedAt", Instant.now().minusSeconds(30).toString());
        result.put("durationMs", 10_020);
        result.put("status", "ok");
        result.put("reason", "MOS 4.12 over 500 packets each way");
        result.put("metrics", metrics);
        result.put("labels", Map.of("codec", "pcmu", "interval", "5m", "dscp", "46", "path", "wan1"));
        result.put("details", Map.of("jitter_samples_ms", IntStream.range(0, samples).mapToObj(i -> 1.25 + i % 17 * 0.5).toList()));
        return result;
    }
}
