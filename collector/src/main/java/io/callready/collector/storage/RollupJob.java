package io.callready.collector.storage;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.config.CollectorConfig;
import io.callready.collector.jobs.JobHealth;
import io.callready.collector.jobs.JobLease;
import io.callready.collector.jobs.ReceiptHorizon;
import io.callready.collector.jobs.RowIsolation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Plain PostgreSQL only: keeps results_5m, results_1h and results_3h up to date incrementally. A watermark
 * ({@code rollup_watermark}) says up to which receipt time results are in the rollups; each run merges what arrived
 * since, page by page ({@link #PAGE_ROWS} results per page, each page one transaction that moves the watermark), so
 * a run reads each new result once instead of re-reading every bucket it touched, and a backlog is worked off in
 * bounded pieces. A page's results are read out of results once ({@link RollupPage}) for the left-out report and all
 * three rollups ({@link RollupMerge}: the merged rows equal a recompute from all raw rows, late results land in
 * their old bucket; each 3-hour bucket the page touched is recomputed from its hourly rows, {@link RollupThreeHours}).
 * A page locks the watermark row ({@code FOR UPDATE SKIP LOCKED}): with several collectors on
 * one database one merges a page while the others skip, so nothing is counted twice.
 * A page ends at the {@link ReceiptHorizon} ({@code callready.rollup.start-margin} its margin): no result may commit
 * behind the watermark.
 * Under TimescaleDB continuous aggregates do this job instead, with the same value rules (migration V104).
 * No stored row can stop it: left-out values are logged once and counted as {@code callready.jobs.isolated{job="rollup"}};
 * a page whose merge fails on a value is merged again site by site, and a site that still fails is skipped, logged
 * and counted the same way; a run that fails as a whole counts towards readiness DOWN ({@link JobHealth}).
 */
@ApplicationScoped
public class RollupJob {
    /**
     * Results merged per page (one transaction). Small enough that a page ends well inside the 60 s transaction
     * timeout on a machine saturated by ingest: 20,000 results once took longer and was cancelled again each run.
     */
    static final int PAGE_ROWS = 5_000;
    /** Reported per page at most; the rest are still left out, and reported by a later run if they recur. */
    private static final int MAX_REPORTED = 1000;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    StorageMode mode;
    @Inject
    CollectorConfig config;
    @Inject
    JobHealth health;

    /** One merged page: rows written, and whether it reached the horizon (nothing more to merge now). */
    private record Page(int rows, boolean caughtUp) {
        static final Page NOTHING = new Page(0, true);
    }

    @Scheduled(every = "${callready.rollup.interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!mode.timescale()) {
            refresh();
        }
    }

    /**
     * Merges what arrived since the watermark, page by page, until caught up or (when scheduled) half the interval
     * has passed; the rest is the next run's.
     *
     * @return rollup rows written
     */
    public int refresh() {
        return refresh(PAGE_ROWS);
    }

    /** {@link #refresh()} with pages of {@code pageRows} results (tests use small ones). */
    synchronized int refresh(int pageRows) {
        long start = System.nanoTime();
        String every = config.rollup().interval();
        long budgetNanos = JobLease.intervalUnlessOff(every).map(d -> d.toNanos() / 2).orElse(Long.MAX_VALUE);
        try {
            int rows = 0;
            Page page;
            do {
                page = QuarkusTransaction.requiringNew().call(() -> mergePage(pageRows));
                rows += page.rows();
            } while (!page.caughtUp() && System.nanoTime() - start < budgetNanos);
            health.ran(JobHealth.ROLLUP, Duration.ofNanos(System.nanoTime() - start));
            health.succeeded(JobHealth.ROLLUP);
            return rows;
        } catch (RuntimeException e) {
            health.failed(JobHealth.ROLLUP, e);
            return 0;
        }
    }

    private Page mergePage(int pageRows) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            OffsetDateTime from = lockWatermark(c);
            if (from == null) {
                return Page.NOTHING;
            }
            OffsetDateTime horizon = horizon(c);
            OffsetDateTime to = pageEnd(c, from, horizon, pageRows);
            if (!to.isAfter(from)) {
                return Page.NOTHING;
            }
            RollupPage.read(c, from, to);
            reportLeftOut(c);
            int rows = mergeIsolated(c, to);
            try (PreparedStatement u = c.prepareStatement("UPDATE rollup_watermark SET received_before = ? WHERE id = 1")) {
                u.setObject(1, to);
                u.executeUpdate();
            }
            return new Page(rows, !to.isBefore(horizon));
        }
    }

    /** The watermark, locked for this page; null while another collector merges a page. */
    private OffsetDateTime lockWatermark(Connection c) throws SQLException {
        try (PreparedStatement start = c.prepareStatement(
                "INSERT INTO rollup_watermark VALUES (1, now() - ?::interval) ON CONFLICT (id) DO NOTHING")) {
            start.setString(1, config.rollup().lookback().toSeconds() + " seconds");
            start.executeUpdate();
        }
        try (PreparedStatement q = c.prepareStatement("SELECT received_before FROM rollup_watermark WHERE id = 1 FOR UPDATE SKIP LOCKED");
             ResultSet rs = q.executeQuery()) {
            return rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
        }
    }

    private OffsetDateTime horizon(Connection c) throws SQLException {
        return OffsetDateTime.ofInstant(ReceiptHorizon.read(c, config.rollup().startMargin()).horizon(), ZoneOffset.UTC);
    }

    /**
     * The receipt time before which this page ends: the horizon, or that of the first result beyond a page; results
     * received at one instant stay in one page, however many.
     */
    private static OffsetDateTime pageEnd(Connection c, OffsetDateTime from, OffsetDateTime horizon, int pageRows) throws SQLException {
        OffsetDateTime beyondPage = firstReceived(c, """
                SELECT received_at FROM results WHERE received_at >= ? AND received_at < ?
                ORDER BY received_at OFFSET %d LIMIT 1""".formatted(pageRows), from, horizon);
        if (beyondPage == null) {
            return horizon;
        }
        if (beyondPage.isAfter(from)) {
            return beyondPage;
        }
        OffsetDateTime next = firstReceived(c, "SELECT min(received_at) FROM results WHERE received_at > ? AND received_at < ?", from, horizon);
        return next == null ? horizon : next;
    }

    private static OffsetDateTime firstReceived(Connection c, String sql, OffsetDateTime from, OffsetDateTime to) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, from);
            q.setObject(2, to);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
            }
        }
    }

    /** All three rollups at once; when a value makes that fail, site by site, skipping a site that still fails. */
    private int mergeIsolated(Connection c, OffsetDateTime to) throws SQLException {
        int[] rows = {0};
        if (RowIsolation.attempt(c, () -> rows[0] = RollupPage.merge(c, to, null))) {
            return rows[0];
        }
        List<UUID> sites = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT site_id FROM " + RollupPage.TABLE);
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                sites.add(rs.getObject(1, UUID.class));
            }
        }
        for (UUID site : sites) {
            RowIsolation.underSavepoint(c, health, JobHealth.ROLLUP, "site_id=" + site, () -> rows[0] += RollupPage.merge(c, to, site));
        }
        return rows[0];
    }

    /** Results of the page that a rollup leaves out, in whole or a metric of them. */
    private void reportLeftOut(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("""
                SELECT result_id, site_id, started_at::text, NOT time_ok FROM %s
                WHERE NOT time_ok OR metric_left_out LIMIT %d""".formatted(RollupPage.TABLE, MAX_REPORTED));
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                String why = rs.getBoolean(4)
                        ? "started_at is not finite or lies more than a day ahead; left out of the rollups"
                        : "a metric is not a finite number; left out of the rollup's values of that metric";
                health.isolated(JobHealth.ROLLUP, "result_id=" + rs.getObject(1, UUID.class) + " site_id=" + rs.getObject(2, UUID.class)
                        + " started_at=" + rs.getString(3), new IllegalArgumentException(why));
            }
        }
    }
}
