package io.callready.collector.storage;

import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Plain PostgreSQL: the collector's own rollup merge ({@link RollupPage}) run once over a database, outside CDI. */
public final class StandaloneRollups {
    /**
     * Merges every result received so far into the three rollups in one transaction, as the rollup job's pages do from
     * an empty rollup (IncrementalRollupIT shows pages add up to a recompute), and returns the rows upserted.
     */
    public static int recomputeAll(String jdbcUrl, String username) throws SQLException {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(jdbcUrl);
        source.setUser(username);
        OffsetDateTime from = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        try (Connection c = source.getConnection()) {
            c.setAutoCommit(false);
            OffsetDateTime to = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1);
            RollupPage.read(c, from, to);
            int rows = RollupPage.merge(c, to, null);
            c.commit();
            return rows;
        }
    }

    private StandaloneRollups() {
    }
}
