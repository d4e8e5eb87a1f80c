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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain PostgreSQL: a rollup page that opens new buckets reads what those buckets hold, not every result received
 * before the page's end. The statement used to join the page's new buckets to all such results; once the driver's
 * statement got a generic plan, PostgreSQL hashed the whole table for each page that opened a bucket, and on a
 * busy collector with millions of rows a page outlived the transaction timeout (issue 15, found by
 * {@code ./callready bench ingest --sustained 10m}). Everything here runs in one transaction that is rolled back.
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
    void aPageOpeningBucketsReadsOnlyThoseBuckets() throws SQLException {
        UUID customer = UUID.randomUUID();
        UUID site = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime from = now.minusSeconds(10);
        OffsetDateTime to = now.minusSeconds(5);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                }
                insert(c, customer, site, EARLIER_RESULTS, now.minusHours(3), now.minusHours(2));
                insert(c, customer, site, PAGE_RESULTS, now.minusMinutes(1), from);
                try (Statement s = c.createStatement()) {
                    // the planner sees the table as a busy collector's is: large (rolled back with the rest)
                    s.execute("ANALYZE results");
                }
                long before = blocksFetched(c);
                int written = RollupMerge.merge(c, RollupMerge.Width.FIVE_MINUTES, from, to, null)
                        + RollupMerge.merge(c, RollupMerge.Width.ONE_HOUR, from, to, null);
                long read = blocksFetched(c) - before;
                assertThat(written).isPositive();
                assertThat(read).as("heap blocks of results read to merge %d results", PAGE_RESULTS).isLessThan(BLOCKS_BOUND);
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

    private static long blocksFetched(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_stat_get_xact_blocks_fetched('results'::regclass)")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
