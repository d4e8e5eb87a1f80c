package io.callready.collector.storage;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain PostgreSQL: a rollup page that recomputes buckets (rollup rows written before sums existed) reads what those
 * buckets hold, not every result received before the page's end. The statement used to join such buckets to all
 * those results; once the driver's statement got a generic plan, PostgreSQL hashed the whole table for each page
 * that recomputed a bucket (then every bucket a page opened), and on a
 * busy collector with millions of rows a page outlived the transaction timeout (issue 15, found by
 * {@code ./callready bench ingest --sustained 10m}); the same holds for the 3-hour tier's recompute over results_1h.
 * Everything here runs in one transaction that is rolled back.
 */
@QuarkusTest
class RollupPageCostIT {
    private static final int EARLIER_RESULTS = 30_000;
    private static final int PAGE_RESULTS = 40;
    /** Heap blocks of results the merge may read: the page and its buckets take a few dozen. */
    private static final long BLOCKS_BOUND = 1_000;

    @Inject
    AgroalDataSource db;

    @Test
    void aPageRecomputingBucketsReadsOnlyThoseBuckets() throws SQLException {
        inRolledBackGenericPlanTransaction((c, customer, site, now, from, to) -> {
            insert(c, customer, site, EARLIER_RESULTS, now.minusHours(3), now.minusHours(2));
            insert(c, customer, site, PAGE_RESULTS, now.minusMinutes(1), from);
            try (Statement s = c.createStatement()) {
                // the page's buckets as rows from before sums existed, wrong on purpose: the merge recomputes them
                for (String[] rollup : new String[][]{{"results_5m", "5 minutes"}, {"results_1h", "1 hour"}}) {
                    s.execute("""
                            INSERT INTO %s (bucket, customer_id, site_id, target, kind, result_count, ok_count, failed_count)
                            SELECT DISTINCT date_bin(INTERVAL '%s', started_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), customer_id, site_id,
                                   target, kind, 999, 0, 0
                            FROM results WHERE site_id = '%s' AND started_at > now() - INTERVAL '1 hour'""".formatted(rollup[0], rollup[1], site));
                }
                // the planner sees the table as a busy collector's is: large (rolled back with the rest)
                s.execute("ANALYZE results");
            }
            long before = blocksFetched(c);
            RollupPage.read(c, from, to);
            int written = RollupMerge.merge(c, RollupMerge.Width.FIVE_MINUTES, to, null)
                    + RollupMerge.merge(c, RollupMerge.Width.ONE_HOUR, to, null);
            long read = blocksFetched(c) - before;
            assertThat(written).isPositive();
            assertThat(read).as("heap blocks of results read to merge %d results", PAGE_RESULTS).isLessThan(BLOCKS_BOUND);
            try (PreparedStatement q = c.prepareStatement("SELECT (SELECT sum(result_count) FROM results_5m WHERE site_id = ? AND bucket > now() - INTERVAL '1 hour'),"
                    + " (SELECT sum(result_count) FROM results_1h WHERE site_id = ? AND bucket > now() - INTERVAL '2 hours')")) {
                q.setObject(1, site);
                q.setObject(2, site);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    assertThat(List.of(rs.getLong(1), rs.getLong(2))).as("the recomputed buckets hold the page's results alone")
                            .containsExactly((long) PAGE_RESULTS, (long) PAGE_RESULTS);
                }
            }
        });
    }

    /**
     * Each result of a page is read from results once for every rollup of the page ({@link RollupPage}), where each
     * width read it twice before (once for the buckets with sums, once for those without) and the 3-hour tier once
     * more: the read takes exactly the page's results from a few blocks, and the merges into all three rollups read
     * no block of results. Counted in blocks: the per-transaction tuple counters of results read 0 in the full suite
     * (and on its own after 60,000 more rows and a VACUUM) for a page an index scan had just read.
     */
    @Test
    void aPageReadsEachOfItsResultsOnceForAllRollups() throws SQLException {
        inRolledBackGenericPlanTransaction(OffsetDateTime.now(ZoneOffset.UTC), farBack(), (c, customer, site, now, from, to) -> {
            OffsetDateTime startedAt = now.minusMinutes(1);
            insert(c, customer, site, PAGE_RESULTS, startedAt, from.minusSeconds(60));
            RollupPage.read(c, from.minusSeconds(61), from);
            RollupPage.merge(c, from, null);
            try (Statement s = c.createStatement()) {
                // the next page of this transaction reads its own (the job runs one page per transaction)
                s.execute("DROP TABLE " + RollupPage.TABLE);
            }
            insert(c, customer, site, PAGE_RESULTS, startedAt, from);
            long beforeRead = blocksFetched(c);
            assertThat(RollupPage.read(c, from, to)).isEqualTo(PAGE_RESULTS);
            long read = blocksFetched(c) - beforeRead;
            assertThat(read).as("blocks of results read for a page of %d results", PAGE_RESULTS).isPositive().isLessThan(20);
            long beforeMerge = blocksFetched(c);
            assertThat(RollupPage.merge(c, to, null)).isPositive();
            assertThat(blocksFetched(c) - beforeMerge).as("blocks of results read to merge the page into three rollups").isZero();
        });
    }

    /** A receipt time no other test's results are received near (a page counts every site's results): twenty years back. */
    private static OffsetDateTime farBack() {
        return OffsetDateTime.now(ZoneOffset.UTC).minusYears(20).minusSeconds(java.util.concurrent.ThreadLocalRandom.current().nextInt(86_400));
    }

    /** The page's window and a fresh site, for a test body that runs with generic plans forced. */
    private interface PageWork {
        void run(Connection c, UUID customer, UUID site, OffsetDateTime now, OffsetDateTime from, OffsetDateTime to) throws SQLException;
    }

    /** Runs {@code work} in one transaction with generic plans forced (as the driver's prepared statements get), then rolls it back. */
    private void inRolledBackGenericPlanTransaction(PageWork work) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        inRolledBackGenericPlanTransaction(now, now, work);
    }

    /** The same with the page's receipt window ending 5 s before {@code receivedBy}. */
    private void inRolledBackGenericPlanTransaction(OffsetDateTime now, OffsetDateTime receivedBy, PageWork work) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                }
                work.run(c, UUID.randomUUID(), UUID.randomUUID(), now, receivedBy.minusSeconds(10), receivedBy.minusSeconds(5));
            } finally {
                c.rollback();
            }
        }
    }

    /** Results of the site started within a minute before {@code startedAt}, received at {@code receivedAt}. */
    private static void insert(Connection c, UUID customer, UUID site, int rows, OffsetDateTime startedAt, OffsetDateTime receivedAt)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason, duration_ms,
                                     metrics, received_at)
                SELECT gen_random_uuid(), ?::timestamptz - make_interval(secs => g % 60), ?, ?, ?, 'rtp_burst', 'reflector:5004', 'ok', '',
                       10000, jsonb_build_object('mos', 4.2, 'rtt_ms', 20 + g % 7, 'jitter_up_ms', 1.5, 'jitter_down_ms', 1.1,
                                                 'loss_up_ratio', 0, 'loss_down_ratio', 0.001), ?::timestamptz
                FROM generate_series(1, ?) g""")) {
            insert.setObject(1, startedAt);
            insert.setObject(2, customer);
            insert.setObject(3, site);
            insert.setObject(4, UUID.randomUUID());
            insert.setObject(5, receivedAt);
            insert.setInt(6, rows);
            insert.executeUpdate();
        }
    }

    /**
     * The 3-hour tier's statement ({@link RollupThreeHours}) after a page: it recomputes the buckets the page touched
     * through results_1h's primary key, so it reads a few blocks of results_1h however many hours the site has.
     */
    @Test
    void theThreeHourRecomputeReadsOnlyTheHoursOfThePagesBuckets() throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        inRolledBackGenericPlanTransaction(now, farBack(), (c, customer, site, ignored, from, to) -> {
            try (PreparedStatement hours = c.prepareStatement("""
                    INSERT INTO results_1h (bucket, customer_id, site_id, target, kind, result_count, ok_count, failed_count, mos_avg, jitter_ms_avg)
                    SELECT date_trunc('hour', ?::timestamptz) - make_interval(hours => g), ?, ?, 'reflector:5004', 'rtp_burst', 12, 12, 0, 4.1, 3
                    FROM generate_series(3, ?) g""")) {
                // three hours and more before the page's own hour, so never in the page's 3-hour bucket (counted
                // from now, a page started in the last minute of an hour met the hour three before now's)
                hours.setObject(1, now.minusMinutes(1));
                hours.setObject(2, customer);
                hours.setObject(3, site);
                hours.setInt(4, EARLIER_RESULTS);
                hours.executeUpdate();
            }
            insert(c, customer, site, PAGE_RESULTS, now.minusMinutes(1), from);
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE results_1h");
            }
            RollupPage.read(c, from, to);
            RollupMerge.merge(c, RollupMerge.Width.ONE_HOUR, to, null);
            long before = blocksFetched(c, "results_1h");
            int written = RollupThreeHours.recompute(c, null);
            long read = blocksFetched(c, "results_1h") - before;
            assertThat(written).isPositive();
            try (PreparedStatement q = c.prepareStatement("SELECT count(*), sum(result_count) FROM results_3h WHERE site_id = ?")) {
                q.setObject(1, site);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("3-hour buckets of a page started within two minutes").isBetween(1L, 2L);
                    assertThat(rs.getLong(2)).as("the page's results only").isEqualTo(PAGE_RESULTS);
                }
            }
            assertThat(read).as("heap blocks of results_1h read for %d results among %d hours", PAGE_RESULTS, EARLIER_RESULTS)
                    .isLessThan(20);
        });
    }

    private static long blocksFetched(Connection c) throws SQLException {
        return blocksFetched(c, "results");
    }

    private static long blocksFetched(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_stat_get_xact_blocks_fetched('" + table + "'::regclass)")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
