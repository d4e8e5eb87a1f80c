package io.callready.collector.storage;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.support.Api;
import io.callready.collector.support.Api.TestTenant;
import io.callready.collector.support.RollupRuns;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain PostgreSQL: the incremental rollup job, run in pages of 7 results between arrivals, gives exactly the rows
 * a recompute from all raw results gives (written out here on its own, not the job's SQL), for a seeded set with
 * late results (into buckets already rolled up), duplicates (the same result ids sent again), results without
 * some metrics, metrics at the edges of V104's value rule (the largest and smallest normal doubles and just beyond,
 * subnormals, 1e308 twice in a bucket, JSON null, strings, booleans, objects), failed and error results, WAN
 * traffic, and a rollup row written before sums existed; and results_3h,
 * recomputed per touched bucket after each page, equals the hourly rows grouped by 3 hours and classed from scratch.
 */
@QuarkusTest
class IncrementalRollupIT {
    private static final int PAGE_ROWS = 7;
    private static final String[] STATUSES = {"ok", "ok", "degraded", "failed", "error"};

    @Inject
    AgroalDataSource db;
    @Inject
    RollupJob rollups;

    private final Random random = new Random(15);

    @Test
    void mergingPageByPageEqualsRecomputingFromScratch() throws Exception {
        TestTenant first = Api.newTenant();
        TestTenant second = Api.newTenant();
        List<UUID> sites = List.of(first.siteId(), second.siteId());
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));

        List<Map<String, Object>> sentByFirst = new ArrayList<>();
        for (int batch = 0; batch < 6; batch++) {
            sentByFirst.addAll(post(first, hour.plus(Duration.ofMinutes(10L * batch)), 1 + batch * 3));
            post(second, hour.plus(Duration.ofMinutes(7L * batch)), 2 + batch);
        }
        traffic(second, hour.plusSeconds(30), 2e6, 40.0);
        traffic(second, hour.plusSeconds(90), 6e6, 80.0);
        edges(second, hour.plusSeconds(100));
        assertEqualsRecompute(sites, "first arrivals");

        // late results into the buckets just rolled up, and the first batches sent again (ingest keeps one copy)
        post(first, hour.plusSeconds(5), 4);
        post(second, hour.plus(Duration.ofMinutes(1)), 9);
        resend(first, sentByFirst.subList(0, 5));
        traffic(second, hour.plusSeconds(200), 1e6, 20.0);
        edges(first, hour.plusSeconds(20));
        assertEqualsRecompute(sites, "late and duplicate arrivals");

        // a rollup row from before sums existed (wrong on purpose): the next result in its bucket recomputes it
        OffsetDateTime legacyBucket = OffsetDateTime.ofInstant(hour, ZoneOffset.UTC);
        execute("DELETE FROM rollup_sums_5m WHERE site_id = ? AND bucket = ?", first.siteId(), legacyBucket);
        execute("UPDATE results_5m SET result_count = 999, mos_avg = 0 WHERE site_id = ? AND bucket = ?", first.siteId(), legacyBucket);
        post(first, hour.plusSeconds(200), 2);
        assertEqualsRecompute(sites, "a pre-sums rollup row touched again");

        long stored = count("SELECT count(*) FROM results WHERE site_id = ANY (?)", sites);
        long rolledUp5m = count("SELECT sum(result_count) FROM results_5m WHERE site_id = ANY (?)", sites);
        long rolledUp1h = count("SELECT sum(result_count) FROM results_1h WHERE site_id = ANY (?)", sites);
        long rolledUp3h = count("SELECT sum(result_count) FROM results_3h WHERE site_id = ANY (?)", sites);
        assertThat(List.of(rolledUp5m, rolledUp1h, rolledUp3h)).as("no result counted twice or left out").containsExactly(stored, stored, stored);
    }

    private void assertEqualsRecompute(List<UUID> sites, String after) throws Exception {
        RollupRuns.waitOutStartMargin();
        rollups.refresh(PAGE_ROWS);
        for (String[] rollup : new String[][]{{"results_5m", "5 minutes"}, {"results_1h", "1 hour"}}) {
            List<Map<String, Object>> stored = rows("SELECT " + COLUMNS + " FROM " + rollup[0]
                    + " WHERE site_id = ANY (?) ORDER BY site_id, target, kind, bucket", sites);
            List<Map<String, Object>> recomputed = rows(RECOMPUTE.formatted(rollup[1]), sites);
            assertThat(stored).as("%s after %s", rollup[0], after).isNotEmpty().isEqualTo(recomputed);
        }
        assertThat(rows(THREE_HOURS_STORED, sites)).as("results_3h after %s", after).isNotEmpty().isEqualTo(rows(THREE_HOURS_RECOMPUTED, sites));
    }

    /** results_3h as stored, its mean rounded as the recompute's is (both exact sums converted to a double once). */
    private static final String THREE_HOURS_STORED = """
            SELECT bucket, customer_id, site_id, target, kind, result_count, round(mos_avg::numeric, 9), mos_weight,
                   jitter_ms_good, jitter_ms_acceptable, jitter_ms_problematic, loss_ratio_good, loss_ratio_acceptable, loss_ratio_problematic,
                   mos_good, mos_acceptable, mos_problematic, rtt_ms_good, rtt_ms_acceptable, rtt_ms_problematic
            FROM results_3h WHERE site_id = ANY (?) ORDER BY site_id, target, kind, bucket""";
    /**
     * results_3h from scratch, written out on its own: the hourly rows grouped by 3 hours, each hour's means classed
     * the way the share panel classes them (0 good, 1 acceptable, 2 problematic) and its bursts counted per class.
     */
    private static final String THREE_HOURS_RECOMPUTED = """
            WITH h AS (
                SELECT date_bin(INTERVAL '3 hours', bucket, TIMESTAMPTZ 'epoch') AS bucket, customer_id, site_id, target, kind,
                       result_count AS n, mos_avg,
                       CASE WHEN jitter_ms_avg > 30 THEN 2 WHEN jitter_ms_avg > 20 THEN 1 WHEN jitter_ms_avg IS NOT NULL THEN 0 END AS j,
                       CASE WHEN loss_ratio_avg > 0.01 THEN 2 WHEN loss_ratio_avg > 0.005 THEN 1 WHEN loss_ratio_avg IS NOT NULL THEN 0 END AS l,
                       CASE WHEN mos_avg < 3.6 THEN 2 WHEN mos_avg < 4.0 THEN 1 WHEN mos_avg IS NOT NULL THEN 0 END AS m,
                       CASE WHEN rtt_ms_avg > 150 THEN 2 WHEN rtt_ms_avg > 100 THEN 1 WHEN rtt_ms_avg IS NOT NULL THEN 0 END AS r
                FROM results_1h WHERE site_id = ANY (?))
            SELECT bucket, customer_id, site_id, target, kind, sum(n)::bigint,
                   round((sum(mos_avg::numeric * n) / sum(n) FILTER (WHERE mos_avg IS NOT NULL))::float8::numeric, 9),
                   coalesce(sum(n) FILTER (WHERE mos_avg IS NOT NULL), 0)::bigint,
                   coalesce(sum(n) FILTER (WHERE j = 0), 0)::bigint, coalesce(sum(n) FILTER (WHERE j = 1), 0)::bigint,
                   coalesce(sum(n) FILTER (WHERE j = 2), 0)::bigint, coalesce(sum(n) FILTER (WHERE l = 0), 0)::bigint,
                   coalesce(sum(n) FILTER (WHERE l = 1), 0)::bigint, coalesce(sum(n) FILTER (WHERE l = 2), 0)::bigint,
                   coalesce(sum(n) FILTER (WHERE m = 0), 0)::bigint, coalesce(sum(n) FILTER (WHERE m = 1), 0)::bigint,
                   coalesce(sum(n) FILTER (WHERE m = 2), 0)::bigint, coalesce(sum(n) FILTER (WHERE r = 0), 0)::bigint,
                   coalesce(sum(n) FILTER (WHERE r = 1), 0)::bigint, coalesce(sum(n) FILTER (WHERE r = 2), 0)::bigint
            FROM h GROUP BY bucket, customer_id, site_id, target, kind ORDER BY site_id, target, kind, bucket""";

    private static final String COLUMNS = """
            bucket, customer_id, site_id, target, kind, result_count, ok_count, failed_count, mos_avg, mos_min, mos_max,
            rtt_ms_avg, rtt_ms_min, rtt_ms_max, jitter_ms_avg, jitter_ms_max, loss_ratio_avg, loss_ratio_max,
            up_bps_avg, up_bps_max, down_bps_avg, down_bps_max, up_utilisation_pct_avg, up_utilisation_pct_max,
            down_utilisation_pct_avg, down_utilisation_pct_max""";
    /** The rollups from scratch: every raw result of the sites grouped at once, by the value rules of migration V104. */
    private static final String RECOMPUTE = """
            WITH v AS (
                SELECT date_bin(INTERVAL '%s', started_at, TIMESTAMPTZ 'epoch') AS bucket, customer_id, site_id, target, kind, status,
                       rollup_metric(metrics, 'mos') AS mos, rollup_metric(metrics, 'rtt_ms') AS rtt,
                       greatest(rollup_metric(metrics, 'jitter_up_ms'), rollup_metric(metrics, 'jitter_down_ms')) AS jitter,
                       greatest(rollup_metric(metrics, 'loss_up_ratio'), rollup_metric(metrics, 'loss_down_ratio')) AS loss,
                       rollup_metric(metrics, 'up_bps') AS up, rollup_metric(metrics, 'down_bps') AS down,
                       rollup_metric(metrics, 'up_utilisation_pct') AS up_pct, rollup_metric(metrics, 'down_utilisation_pct') AS down_pct
                FROM results WHERE site_id = ANY (?) AND isfinite(started_at))
            SELECT bucket, customer_id, site_id, target, kind, count(*), count(*) FILTER (WHERE status = 'ok'),
                   count(*) FILTER (WHERE status IN ('failed', 'error')),
                   avg(mos::numeric)::double precision, min(mos), max(mos), avg(rtt::numeric)::double precision, min(rtt), max(rtt),
                   avg(jitter::numeric)::double precision, max(jitter), avg(loss::numeric)::double precision, max(loss),
                   avg(up::numeric)::double precision, max(up), avg(down::numeric)::double precision, max(down),
                   avg(up_pct::numeric)::double precision, max(up_pct), avg(down_pct::numeric)::double precision, max(down_pct)
            FROM v GROUP BY bucket, customer_id, site_id, target, kind ORDER BY site_id, target, kind, bucket""";

    /** {@code n} rtp_burst results from {@code from} on, 40 s apart, to two targets in turn, random values and gaps. */
    private List<Map<String, Object>> post(TestTenant tenant, Instant from, int n) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Double> metrics = new HashMap<>();
            String status = STATUSES[random.nextInt(STATUSES.length)];
            if (!status.equals("failed") && !status.equals("error")) {
                metrics.put("mos", 1 + random.nextInt(350) / 100.0);
                metrics.put("jitter_up_ms", random.nextDouble() * 40);
                metrics.put("jitter_down_ms", random.nextDouble() * 40);
                if (random.nextBoolean()) {
                    metrics.put("rtt_ms", 0.1 + random.nextDouble() * 300);
                    metrics.put("loss_up_ratio", random.nextInt(1000) / 10_000.0);
                    metrics.put("loss_down_ratio", random.nextDouble() / 10);
                }
            }
            Map<String, Object> result = new HashMap<>();
            result.put("id", UUID.randomUUID().toString());
            result.put("agentId", tenant.agentId().toString());
            result.put("kind", "rtp_burst");
            result.put("target", i % 2 == 0 ? "pbx.example.net:5004" : "sbc.example.net:5060");
            result.put("startedAt", from.plusSeconds(40L * i).toString());
            result.put("durationMs", 1000);
            result.put("status", status);
            result.put("reason", "");
            result.put("metrics", metrics);
            results.add(result);
        }
        resend(tenant, results);
        return results;
    }

    private static void resend(TestTenant tenant, List<Map<String, Object>> results) {
        Api.asAgent(tenant.token()).body(Map.of("results", results)).post("/api/v1/results").then().statusCode(200);
    }

    private void traffic(TestTenant tenant, Instant startedAt, double upBps, double upPct) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason, duration_ms, metrics)
                VALUES (?, ?, ?, ?, ?, 'wan_traffic', 'local:wan0', 'ok', '', 1000, ?::jsonb)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, OffsetDateTime.ofInstant(startedAt, ZoneOffset.UTC));
            insert.setObject(3, tenant.customerId());
            insert.setObject(4, tenant.siteId());
            insert.setObject(5, tenant.agentId());
            insert.setString(6, "{\"up_bps\": %s, \"down_bps\": %s, \"up_utilisation_pct\": %s, \"down_utilisation_pct\": %s}"
                    .formatted(upBps, upBps * 3, upPct, upPct / 3));
            insert.executeUpdate();
        }
    }

    /**
     * Metrics at the edges of V104's value rule ({@code rollup_metric}): only a finite number a double holds counts,
     * the smallest normal double does, a subnormal or anything beyond the largest double does not (nor does a
     * string, boolean, array, object or JSON null); values near the largest double in one bucket must not overflow
     * the average, nor MOS near it the 3-hour tier's weighted mean (V220).
     */
    private static final String[] EDGE_METRICS = {
            "{\"mos\": 1e-310, \"rtt_ms\": 1e308, \"jitter_up_ms\": 2.2250738585072014e-308, \"jitter_down_ms\": 1e-310,"
                    + " \"loss_up_ratio\": null, \"loss_down_ratio\": 0, \"up_bps\": -0, \"down_bps\": 1e-400}",
            "{\"mos\": \"NaN\", \"rtt_ms\": 1e309, \"jitter_up_ms\": \"Infinity\", \"jitter_down_ms\": -2.2250738585072014e-308,"
                    + " \"loss_up_ratio\": true, \"loss_down_ratio\": {\"v\": 1}, \"up_utilisation_pct\": \"12.5\"}",
            "{\"mos\": null, \"rtt_ms\": 1.7976931348623157e308, \"jitter_up_ms\": null, \"jitter_down_ms\": 4.9e-324,"
                    + " \"loss_up_ratio\": 1e-300, \"loss_down_ratio\": 2.2250738585072011e-308, \"down_utilisation_pct\": 0.0}",
            "{}",
            "{\"mos\": 4.2, \"rtt_ms\": -1.7976931348623158e308, \"jitter_up_ms\": 3, \"loss_down_ratio\": 0.25, \"up_bps\": 1e300,"
                    + " \"down_bps\": -1e300}",
            "{\"mos\": [4.1], \"rtt_ms\": 0.000001, \"jitter_up_ms\": 1e308, \"jitter_down_ms\": 1e308}",
            "{\"mos\": 1e308}",
            "{\"mos\": 1.7976931348623157e308}"};

    /** {@link #EDGE_METRICS} as rtp_burst results of the tenant, one second apart from {@code from}. */
    private void edges(TestTenant tenant, Instant from) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason, duration_ms, metrics)
                VALUES (?, ?, ?, ?, ?, 'rtp_burst', 'pbx.example.net:5004', ?, '', 1000, ?::jsonb)""")) {
            for (int i = 0; i < EDGE_METRICS.length; i++) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, OffsetDateTime.ofInstant(from.plusSeconds(i), ZoneOffset.UTC));
                insert.setObject(3, tenant.customerId());
                insert.setObject(4, tenant.siteId());
                insert.setObject(5, tenant.agentId());
                insert.setString(6, STATUSES[i % STATUSES.length]);
                insert.setString(7, EDGE_METRICS[i]);
                insert.executeUpdate();
            }
        }
    }

    private List<Map<String, Object>> rows(String sql, List<UUID> sites) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setArray(1, c.createArrayOf("uuid", sites.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        row.put(String.valueOf(i), value instanceof OffsetDateTime t ? t.toInstant() : value);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    private long count(String sql, List<UUID> sites) throws SQLException {
        return ((Number) rows(sql, sites).getFirst().get("1")).longValue();
    }

    private void execute(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement u = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                u.setObject(i + 1, params[i]);
            }
            assertThat(u.executeUpdate()).as(sql).isPositive();
        }
    }
}
