package io.callready.collector.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One page of results (received in {@code [from, to)}) read out of {@code results} once for the left-out report and
 * every rollup of the page: the temporary table {@value #TABLE} (dropped at the end of the page's transaction) holds
 * per result its ids, key, status, start time, whether its start time passes {@link RollupMerge#TIME_OK}, whether a
 * rolled-up metric of it is left out, and the averaged values already as double precision ({@link RollupMerge#METRIC}
 * applied once per metric, the worse of up and down taken once). Reading the page per width decompressed each
 * result's metrics twice per width and evaluated the value rule about fifty times per result and width, and the
 * left-out report decompressed them twice more (issue 15). The read cannot fail on a value (the metrics are an object
 * by constraint, every cast is guarded), so only the merges need the isolation path, which takes the page one site
 * at a time from the same table.
 */
final class RollupPage {
    static final String TABLE = "rollup_page";

    private RollupPage() {
    }

    /**
     * Reads the page into {@value #TABLE}, once per transaction.
     *
     * @return results of the page
     */
    static int read(Connection c, OffsetDateTime from, OffsetDateTime to) throws SQLException {
        String values = RollupMerge.AVERAGED.stream().map(a -> a.value() + " AS " + a.name()).collect(Collectors.joining(", "));
        try (PreparedStatement read = c.prepareStatement("""
                CREATE TEMPORARY TABLE %s ON COMMIT DROP AS
                SELECT r.result_id, r.customer_id, r.site_id, r.target, r.kind, r.status, r.started_at,
                       %s AS time_ok, %s AS metric_left_out, %s
                FROM results r, %s
                WHERE r.received_at >= ? AND r.received_at < ?"""
                .formatted(TABLE, RollupMerge.TIME_OK, metricLeftOut(), values, RollupMerge.READ_METRICS))) {
            read.setObject(1, from);
            read.setObject(2, to);
            return read.executeUpdate();
        }
    }

    /**
     * The page's results the rollups take, as {@code FROM} item {@code p}: start time within {@link RollupMerge#TIME_OK},
     * every site's when {@code site} is null, else that site's only.
     */
    static String rolledUp(UUID site) {
        return TABLE + " p WHERE p.time_ok" + (site == null ? "" : " AND p.site_id = '" + site + "'");
    }

    /**
     * Merges the page read into all three rollups ({@code site} null for every site of the page): results_5m and
     * results_1h, then the 3-hour buckets it touched.
     *
     * @return rollup rows written
     */
    static int merge(Connection c, OffsetDateTime to, UUID site) throws SQLException {
        return RollupMerge.merge(c, RollupMerge.Width.FIVE_MINUTES, to, site)
                + RollupMerge.merge(c, RollupMerge.Width.ONE_HOUR, to, site)
                + RollupThreeHours.recompute(c, site);
    }

    /** A rolled-up value that is not a usable number, or a key holding JSON null (which reads as SQL NULL, like an absent key). */
    private static String metricLeftOut() {
        StringBuilder bad = new StringBuilder("(false");
        StringBuilder readAsNull = new StringBuilder();
        for (String key : RollupMerge.ROLLED_UP) {
            bad.append(" OR (rv.\"").append(key).append("\" IS NOT NULL AND ").append(RollupMerge.METRIC.formatted(key)).append(" IS NULL)");
            readAsNull.append(readAsNull.isEmpty() ? "" : ", ").append("CASE WHEN rv.\"").append(key).append("\" IS NULL THEN '").append(key).append("' END");
        }
        return bad.append(" OR jsonb_exists_any(r.metrics, array_remove(ARRAY[").append(readAsNull).append("], NULL)))").toString();
    }
}
