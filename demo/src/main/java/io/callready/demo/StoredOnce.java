package io.callready.demo;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Whether the database holds every result the collectors accepted exactly once: as many rows in {@code results} as
 * the receipts' {@code accepted} counts add up to, none of them under the same result id twice (each row is
 * written by whichever collector took its batch, so a result stored twice or lost would show here).
 */
final class StoredOnce {
    private StoredOnce() {
    }

    /**
     * @return the line the benchmark prints
     * @throws IOException when a result is missing or stored twice
     */
    static String check(Connection db, long accepted) throws SQLException, IOException {
        long rows;
        long ids;
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT result_id) FROM results")) {
            rs.next();
            rows = rs.getLong(1);
            ids = rs.getLong(2);
        }
        String line = String.format(Locale.ROOT, "stored once: %d rows in results, %d distinct result ids, %d accepted by the receipts",
                rows, ids, accepted);
        if (rows != accepted || ids != rows) {
            throw new IOException(line + (rows > ids ? ": a result is stored twice" : rows < accepted ? ": a result is missing"
                    : ": more rows than the receipts accepted"));
        }
        return line;
    }

    /**
     * Once the rollup watermark has passed every result: whether the 5-minute and hourly rollups count each stored
     * result once (several collectors merged pages of them).
     *
     * @throws IOException when a rollup counts a result twice or misses one
     */
    static String rolledUpOnce(Connection db) throws SQLException, IOException {
        long rows = IngestBenchmark.longScalar(db, "SELECT count(*) FROM results");
        long fiveMinutes = IngestBenchmark.longScalar(db, "SELECT coalesce(sum(result_count), 0) FROM results_5m");
        long hourly = IngestBenchmark.longScalar(db, "SELECT coalesce(sum(result_count), 0) FROM results_1h");
        String line = String.format(Locale.ROOT, "rolled up once: results_5m counts %d, results_1h %d of %d results", fiveMinutes, hourly, rows);
        if (fiveMinutes != rows || hourly != rows) {
            throw new IOException(line + ": a rollup counts a result twice or misses one");
        }
        return line;
    }
}
