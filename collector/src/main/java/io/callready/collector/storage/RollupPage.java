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
 * rolled-up metric of it is left out, and each averaged value as double precision (for counts, minimums, maximums)
 * and as that double converted to numeric (for the exact sums), {@link RollupMerge#METRIC} applied once per metric and
 * the worse of up and down taken once. Reading the page per width decompressed each result's metrics twice per
 * width, evaluated the value rule about fifty times per result and width and converted each value to numeric once
 * per width, and the left-out report decompressed them twice more (issue 15). The read cannot fail on a value (the
 * metrics are an object by constraint, every cast is guarded), so only the merges need the isolation path, which
 * takes the page one site at a time from the same table.
 */
final class RollupPage {
    static final String TABLE = "rollup_page";
    /** The suffix of an averaged value's numeric column (the value converted once, for the exact sums). */
    static final String EXACT = "_exact";
    /** The page's query (built once), its parameters the receipt times {@code [from, to)}. */
    private static final String PAGE = pageQuery();

    private RollupPage() {
    }

    /**
     * Reads the page into {@value #TABLE}, once per transaction. The inner query applies the value rule once per
     * metric and is kept apart ({@code OFFSET 0}: flattened, each use would repeat the rule), so that the outer one
     * derives the averaged values, their numeric form and the left-out flag from its columns.
     *
     * @return results of the page
     */
    static int read(Connection c, OffsetDateTime from, OffsetDateTime to) throws SQLException {
        // Created empty, then filled by INSERT, which PostgreSQL never runs in parallel: a CREATE TABLE AS may start
        // workers for a page of a few thousand results once results is past the parallel-scan size.
        execute(c, "CREATE TEMPORARY TABLE " + TABLE + " ON COMMIT DROP AS " + PAGE + " WITH NO DATA", from, to);
        return execute(c, "INSERT INTO " + TABLE + " " + PAGE, from, to);
    }

    private static String pageQuery() {
        String metrics = RollupMerge.ROLLED_UP.stream()
                .map(k -> RollupMerge.METRIC.formatted(k) + " AS \"" + k + "\", rv.\"" + k + "\" IS NOT NULL AS \"" + k + "_given\"")
                .collect(Collectors.joining(", "));
        String leftOut = RollupMerge.ROLLED_UP.stream().map(k -> " OR (m.\"" + k + "_given\" AND m.\"" + k + "\" IS NULL)")
                .collect(Collectors.joining("", "(m.json_null", ")"));
        String named = RollupMerge.AVERAGED.stream().map(a -> {
            String value = a.over(k -> "m.\"" + k + "\"");
            return value + " AS " + a.name() + ", (" + value + ")::numeric AS " + a.name() + EXACT;
        }).collect(Collectors.joining(", "));
        return """
                SELECT m.result_id, m.customer_id, m.site_id, m.target, m.kind, m.status, m.started_at, m.time_ok,
                       %s AS metric_left_out, %s
                FROM (SELECT r.result_id, r.customer_id, r.site_id, r.target, r.kind, r.status, r.started_at, %s AS time_ok,
                             %s AS json_null, %s
                      FROM results r, %s
                      WHERE r.received_at >= ? AND r.received_at < ?
                      OFFSET 0) m"""
                .formatted(leftOut, named, RollupMerge.TIME_OK, jsonNull(), metrics, RollupMerge.READ_METRICS);
    }

    private static int execute(Connection c, String sql, OffsetDateTime from, OffsetDateTime to) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setObject(1, from);
            statement.setObject(2, to);
            return statement.executeUpdate();
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

    /** Whether a rolled-up key holds JSON null (which reads as SQL NULL, like an absent key): such a value is left out too. */
    private static String jsonNull() {
        return RollupMerge.ROLLED_UP.stream().map(k -> "CASE WHEN rv.\"" + k + "\" IS NULL THEN '" + k + "' END")
                .collect(Collectors.joining(", ", "jsonb_exists_any(r.metrics, array_remove(ARRAY[", "], NULL))"));
    }
}
