package io.callready.collector.storage;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.config.CollectorConfig;
import io.callready.collector.jobs.JobHealth;
import io.callready.collector.jobs.RowIsolation;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plain PostgreSQL only: keeps results_5m and results_1h up to date. Each run recomputes, from the raw results,
 * every (site, bucket) that received a result since the last run, and upserts the rows, so running twice (or
 * overlapping runs) gives the same rollups. Under TimescaleDB continuous aggregates do this job instead, with
 * the same value rules (migration V104).
 * No stored row can stop it: a metric counts only as a finite number ({@code rollup_metric}), averages are
 * computed in numeric, a result whose start time is not finite or lies more than a day ahead is left out, and
 * each site is upserted by its own statements. Left-out values and a site whose upsert fails are logged once
 * and counted as {@code callready.jobs.isolated{job="rollup"}}; a run that fails as a whole counts towards
 * readiness DOWN ({@link JobHealth}).
 */
@ApplicationScoped
public class RollupJob {
    /** Transactions still open when a run starts commit rows with an earlier received_at; look back past them. */
    static final Duration IN_FLIGHT_MARGIN = Duration.ofMinutes(2);
    private static final String TIME_OK = "isfinite(started_at) AND started_at < now() + INTERVAL '1 day'";
    private static final String METRIC = "rollup_metric(metrics, '%s')";
    private static final String WORSE = "greatest(" + METRIC + ", " + METRIC + ")";
    private static final String[] ROLLED_UP = {"mos", "rtt_ms", "jitter_up_ms", "jitter_down_ms", "loss_up_ratio", "loss_down_ratio",
            "up_bps", "down_bps", "up_utilisation_pct", "down_utilisation_pct"};
    /** WAN traffic (issue 11): mean and peak per direction (migration V107). */
    private static final String[] MEAN_AND_PEAK = {"up_bps", "down_bps", "up_utilisation_pct", "down_utilisation_pct"};
    private static final String AGGREGATES = String.join(",\n       ",
            "count(*)", "count(*) FILTER (WHERE status = 'ok')", "count(*) FILTER (WHERE status IN ('failed', 'error'))",
            avg(METRIC.formatted("mos")), "min(" + METRIC.formatted("mos") + ")", "max(" + METRIC.formatted("mos") + ")",
            avg(METRIC.formatted("rtt_ms")), "min(" + METRIC.formatted("rtt_ms") + ")", "max(" + METRIC.formatted("rtt_ms") + ")",
            avg(WORSE.formatted("jitter_up_ms", "jitter_down_ms")), "max(" + WORSE.formatted("jitter_up_ms", "jitter_down_ms") + ")",
            avg(WORSE.formatted("loss_up_ratio", "loss_down_ratio")), "max(" + WORSE.formatted("loss_up_ratio", "loss_down_ratio") + ")")
            + trafficAggregates();
    private static final String[] COLUMNS = {"result_count", "ok_count", "failed_count", "mos_avg", "mos_min", "mos_max",
            "rtt_ms_avg", "rtt_ms_min", "rtt_ms_max", "jitter_ms_avg", "jitter_ms_max", "loss_ratio_avg", "loss_ratio_max",
            "up_bps_avg", "up_bps_max", "down_bps_avg", "down_bps_max", "up_utilisation_pct_avg", "up_utilisation_pct_max",
            "down_utilisation_pct_avg", "down_utilisation_pct_max"};
    /** Reported per run at most; the rest are still left out, and reported by a later run if they recur. */
    private static final int MAX_REPORTED = 1000;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    StorageMode mode;
    @Inject
    CollectorConfig config;
    @Inject
    JobHealth health;

    private OffsetDateTime receivedSince;

    /** The buckets of one site that received results. */
    private record Touched(TreeSet<String> fiveMinutes, TreeSet<String> hours) {
    }

    @Scheduled(every = "${callready.rollup.interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!mode.timescale()) {
            refresh();
        }
    }

    /** Recomputes what arrived since the last run (at the first run: within callready.rollup.lookback). */
    public synchronized int refresh() {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            OffsetDateTime dbNow;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT now()")) {
                rs.next();
                dbNow = rs.getObject(1, OffsetDateTime.class);
            }
            OffsetDateTime since = receivedSince != null ? receivedSince : dbNow.minus(config.rollup().lookback());
            int rows = recompute(c, since);
            receivedSince = dbNow.minus(IN_FLIGHT_MARGIN);
            health.ran(JobHealth.ROLLUP, Duration.ofNanos(System.nanoTime() - start));
            health.succeeded(JobHealth.ROLLUP);
            return rows;
        } catch (SQLException | RuntimeException e) {
            health.failed(JobHealth.ROLLUP, e);
            return 0;
        }
    }

    /** Recomputes every (site, bucket) of both rollups that has a result received at or after {@code since}. */
    public int recompute(OffsetDateTime since) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return recompute(c, since);
        }
    }

    private int recompute(Connection c, OffsetDateTime since) throws SQLException {
        reportLeftOut(c, since);
        AtomicInteger rows = new AtomicInteger();
        for (var site : touched(c, since).entrySet()) {
            RowIsolation.alone(health, JobHealth.ROLLUP, "site_id=" + site.getKey(), () -> rows.addAndGet(
                    upsert(c, "results_5m", "5 minutes", site.getKey(), site.getValue().fiveMinutes())
                            + upsert(c, "results_1h", "1 hour", site.getKey(), site.getValue().hours())));
        }
        return rows.get();
    }

    private static Map<UUID, Touched> touched(Connection c, OffsetDateTime since) throws SQLException {
        Map<UUID, Touched> touched = new LinkedHashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT site_id, " + bucket("5 minutes") + "::text, " + bucket("1 hour")
                + "::text FROM results WHERE received_at >= ? AND " + TIME_OK)) {
            q.setObject(1, since);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Touched t = touched.computeIfAbsent(rs.getObject(1, UUID.class), k -> new Touched(new TreeSet<>(), new TreeSet<>()));
                    t.fiveMinutes().add(rs.getString(2));
                    t.hours().add(rs.getString(3));
                }
            }
        }
        return touched;
    }

    private static int upsert(Connection c, String table, String width, UUID site, TreeSet<String> buckets) throws SQLException {
        StringBuilder updates = new StringBuilder("customer_id = EXCLUDED.customer_id");
        for (String column : COLUMNS) {
            updates.append(", ").append(column).append(" = EXCLUDED.").append(column);
        }
        String sql = """
                INSERT INTO %1$s (bucket, customer_id, site_id, target, kind, %2$s)
                SELECT t.bucket, r.customer_id, r.site_id, r.target, r.kind,
                       %3$s
                FROM unnest(?::timestamptz[]) AS t(bucket)
                JOIN results r ON r.site_id = ? AND r.started_at >= t.bucket AND r.started_at < t.bucket + INTERVAL '%4$s'
                GROUP BY t.bucket, r.customer_id, r.site_id, r.target, r.kind
                ON CONFLICT (site_id, target, kind, bucket) DO UPDATE SET %5$s"""
                .formatted(table, String.join(", ", COLUMNS), AGGREGATES, width, updates);
        try (PreparedStatement upsert = c.prepareStatement(sql)) {
            upsert.setArray(1, c.createArrayOf("text", buckets.toArray()));
            upsert.setObject(2, site);
            return upsert.executeUpdate();
        }
    }

    /** Results received since {@code since} that a rollup leaves out, in whole or a metric of them. */
    private void reportLeftOut(Connection c, OffsetDateTime since) throws SQLException {
        StringBuilder badMetric = new StringBuilder("false");
        for (String key : ROLLED_UP) {
            badMetric.append(" OR (jsonb_exists(metrics, '").append(key).append("') AND ").append(METRIC.formatted(key)).append(" IS NULL)");
        }
        try (PreparedStatement q = c.prepareStatement("""
                SELECT result_id, site_id, started_at::text, NOT (%1$s) AS bad_time FROM results
                WHERE received_at >= ? AND (NOT (%1$s) OR %2$s) LIMIT %3$d""".formatted(TIME_OK, badMetric, MAX_REPORTED))) {
            q.setObject(1, since);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String why = rs.getBoolean("bad_time")
                            ? "started_at is not finite or lies more than a day ahead; left out of the rollups"
                            : "a metric is not a finite number; left out of the rollup's values of that metric";
                    health.isolated(JobHealth.ROLLUP, "result_id=" + rs.getObject(1, UUID.class) + " site_id=" + rs.getObject(2, UUID.class)
                            + " started_at=" + rs.getString(3), new IllegalArgumentException(why));
                }
            }
        }
    }

    private static String bucket(String width) {
        return "date_bin(INTERVAL '" + width + "', started_at, TIMESTAMPTZ '2000-01-01 00:00:00+00')";
    }

    private static String trafficAggregates() {
        StringBuilder out = new StringBuilder();
        for (String key : MEAN_AND_PEAK) {
            out.append(",\n       ").append(avg(METRIC.formatted(key))).append(",\n       max(").append(METRIC.formatted(key)).append(')');
        }
        return out.toString();
    }

    private static String avg(String value) {
        return "avg((" + value + ")::numeric)::double precision";
    }
}
