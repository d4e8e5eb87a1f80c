package io.callready.collector.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The statement that merges one page of results ({@link RollupPage}, received in {@code [from, to)}) into one rollup
 * table and its sums table. Counts add, minimums and maximums combine with least/greatest, and each average is its
 * exact numeric sum over its count of finite values ({@code rollup_sums_*}), computed the way {@code avg(x::numeric)}
 * computes it, so merging page by page gives the rows a recompute from all raw results gives. The page is grouped
 * first and each group's rows looked up once. A rollup row without sums (one written before sums existed) is
 * recomputed from all raw results of its bucket received before {@code to}; a bucket with neither rollup nor sums
 * row is new and takes the page's results alone (every result received before the page is merged, so it holds no
 * others). Recomputing new buckets too read, on the first page after a backlog, every result of the backlog in
 * each bucket it opened (3.3 s of one 5,000-result page, against 0.15 s for the others).
 * Value rules as in migration V104: a metric counts only as a finite number ({@code rollup_metric}), jitter and loss
 * take the worse direction, failed counts failed and error; a result whose start time is not finite or lies more
 * than a day ahead is left out.
 */
final class RollupMerge {
    /** Over {@code results r}. */
    static final String TIME_OK = "isfinite(r.started_at) AND r.started_at < now() + INTERVAL '1 day'";
    /** The metrics the rollups read, each taken out of a result's stored (compressed) metrics once by {@link #READ_METRICS}. */
    static final List<String> ROLLED_UP = List.of("mos", "rtt_ms", "jitter_up_ms", "jitter_down_ms", "loss_up_ratio", "loss_down_ratio",
            "up_bps", "down_bps", "up_utilisation_pct", "down_utilisation_pct");
    /**
     * Over {@code results r}: one pass over the metrics for all rolled-up keys, as columns of {@code rv}. Each
     * {@code rollup_metric(r.metrics, key)} decompressed the metrics again, four times per key and rollup.
     */
    static final String READ_METRICS = "jsonb_to_record(r.metrics) AS rv("
            + ROLLED_UP.stream().map(k -> "\"" + k + "\" jsonb").collect(Collectors.joining(", ")) + ")";
    /** {@code rollup_metric}'s rule (migration V104) on a value of {@link #READ_METRICS}: a finite number a double holds. */
    static final String METRIC = "(CASE WHEN jsonb_typeof(rv.\"%1$s\") = 'number' AND abs(rv.\"%1$s\"::numeric) <= 1.7976931348623157e308"
            + " AND (rv.\"%1$s\"::numeric = 0 OR abs(rv.\"%1$s\"::numeric) >= 2.2250738585072014e-308)"
            + " THEN rv.\"%1$s\"::numeric::double precision END)";

    /** One averaged value of a rollup row: its column prefix, the metrics it is the worse (greatest) of, whether the row keeps its minimum. */
    record Averaged(String name, List<String> keys, boolean keepsMin) {
        static Averaged metric(String key, boolean keepsMin) {
            return new Averaged(key, List.of(key), keepsMin);
        }

        static Averaged worse(String name, String up, String down) {
            return new Averaged(name, List.of(up, down), false);
        }

        /** Its SQL over the raw result ({@link #READ_METRICS}). */
        String value() {
            return over(METRIC::formatted);
        }

        /** Its SQL from each of its metrics' SQL. */
        String over(Function<String, String> metric) {
            return keys.size() == 1 ? metric.apply(keys.getFirst())
                    : keys.stream().map(metric).collect(Collectors.joining(", ", "greatest(", ")"));
        }
    }

    static final List<Averaged> AVERAGED = List.of(Averaged.metric("mos", true), Averaged.metric("rtt_ms", true),
            Averaged.worse("jitter_ms", "jitter_up_ms", "jitter_down_ms"), Averaged.worse("loss_ratio", "loss_up_ratio", "loss_down_ratio"),
            Averaged.metric("up_bps", false), Averaged.metric("down_bps", false),
            Averaged.metric("up_utilisation_pct", false), Averaged.metric("down_utilisation_pct", false));
    private static final String KEY = "site_id, target, kind, bucket";

    /** The two rollups: table, sums table, bucket width. */
    enum Width {
        FIVE_MINUTES("results_5m", "rollup_sums_5m", "5 minutes"),
        ONE_HOUR("results_1h", "rollup_sums_1h", "1 hour");

        final String table;
        final String sums;
        final String interval;

        Width(String table, String sums, String interval) {
            this.table = table;
            this.sums = sums;
            this.interval = interval;
        }

        String bucket(String startedAt) {
            return "date_bin(INTERVAL '" + interval + "', " + startedAt + ", TIMESTAMPTZ '2000-01-01 00:00:00+00')";
        }
    }

    private RollupMerge() {
    }

    /**
     * Merges the page read into {@link RollupPage#TABLE} into one rollup; {@code site} null for every site of the
     * page, else only that site's results.
     *
     * @return rollup rows written
     */
    static int merge(Connection c, Width width, OffsetDateTime to, UUID site) throws SQLException {
        try (PreparedStatement merge = c.prepareStatement(site == null ? EverySite.SQL.get(width) : sql(width, site))) {
            merge.setObject(1, to);
            return merge.executeUpdate();
        }
    }

    /**
     * The statement for every site of a page, built once per width. A holder, so it is built when first used, after
     * {@link RollupPage}, whose constants it reads, is initialised.
     */
    private static final class EverySite {
        static final Map<Width, String> SQL = Arrays.stream(Width.values())
                .collect(Collectors.toMap(w -> w, w -> sql(w, null), (a, b) -> a, () -> new EnumMap<>(Width.class)));
    }

    private static String sql(Width w, UUID site) {
        List<String> sumsColumns = new ArrayList<>();
        List<String> addSums = new ArrayList<>();
        List<String> rollupColumns = new ArrayList<>(List.of("result_count", "ok_count", "failed_count"));
        List<String> rollupValues = new ArrayList<>(List.of(
                added("result_count"), added("ok_count"), added("failed_count")));
        for (Averaged a : AVERAGED) {
            sumsColumns.add(a.name() + "_n");
            sumsColumns.add(a.name() + "_sum");
            addSums.add(a.name() + "_n = s." + a.name() + "_n + EXCLUDED." + a.name() + "_n");
            addSums.add(a.name() + "_sum = coalesce(s.%1$s_sum + EXCLUDED.%1$s_sum, s.%1$s_sum, EXCLUDED.%1$s_sum)".formatted(a.name()));
            rollupColumns.add(a.name() + "_avg");
            rollupValues.add("(m.%1$s_sum / nullif(m.%1$s_n, 0))::double precision".formatted(a.name()));
            if (a.keepsMin()) {
                rollupColumns.add(a.name() + "_min");
                rollupValues.add(combined("least", a.name() + "_min"));
            }
            rollupColumns.add(a.name() + "_max");
            rollupValues.add(combined("greatest", a.name() + "_max"));
        }
        List<String> overwrite = new ArrayList<>(List.of("customer_id = EXCLUDED.customer_id"));
        rollupColumns.forEach(column -> overwrite.add(column + " = EXCLUDED." + column));
        String pageAggregates = aggregates("p", a -> "p." + a.name(), a -> "p." + a.name() + RollupPage.EXACT);
        String rawAggregates = aggregates("r", Averaged::value, a -> "(" + a.value() + ")::numeric");
        String aggregated = aggregateColumns().stream().map(column -> "g." + column).collect(Collectors.joining(", "));
        return """
                WITH grouped AS (
                    SELECT %2$s AS bucket, p.customer_id, p.site_id, p.target, p.kind, %3$s
                    FROM %15$s
                    GROUP BY 1, 2, 3, 4, 5
                ), keyed AS (
                    SELECT g.*, NOT EXISTS (SELECT 1 FROM %8$s s
                                            WHERE s.site_id = g.site_id AND s.target = g.target AND s.kind = g.kind AND s.bucket = g.bucket)
                                AND EXISTS (SELECT 1 FROM %1$s o
                                            WHERE o.site_id = g.site_id AND o.target = g.target AND o.kind = g.kind AND o.bucket = g.bucket) AS legacy
                    FROM grouped g
                ), fresh AS (
                    SELECT g.bucket, g.customer_id, g.site_id, g.target, g.kind, false AS whole, %4$s
                    FROM keyed g
                    WHERE NOT g.legacy
                    UNION ALL
                    SELECT t.bucket, t.customer_id, t.site_id, t.target, t.kind, true AS whole, a.*
                    FROM keyed t
                    -- Per bucket through the site's time index: as a join, a generic plan hashed every result
                    -- received before the page's end (the whole table) whenever a page touched such a row.
                    CROSS JOIN LATERAL (
                        SELECT %5$s
                        FROM results r, %16$s
                        WHERE r.customer_id = t.customer_id AND r.site_id = t.site_id AND r.target = t.target AND r.kind = t.kind
                          AND r.started_at >= t.bucket AND r.started_at < t.bucket + INTERVAL '%6$s'
                          AND r.received_at < ? AND %7$s) a
                    WHERE t.legacy AND a.result_count > 0
                ), merged AS (
                    INSERT INTO %8$s AS s (%9$s, %10$s)
                    SELECT %9$s, %10$s FROM fresh
                    ON CONFLICT (%9$s) DO UPDATE SET %11$s
                    RETURNING %9$s, %10$s
                )
                INSERT INTO %1$s (bucket, customer_id, site_id, target, kind, %12$s)
                SELECT f.bucket, f.customer_id, f.site_id, f.target, f.kind, %13$s
                FROM fresh f JOIN merged m USING (%9$s) LEFT JOIN %1$s o USING (%9$s)
                ON CONFLICT (%9$s) DO UPDATE SET %14$s"""
                .formatted(w.table, w.bucket("p.started_at"), pageAggregates, aggregated, rawAggregates, w.interval, TIME_OK,
                        w.sums, KEY, String.join(", ", sumsColumns), String.join(", ", addSums),
                        String.join(", ", rollupColumns), String.join(", ", rollupValues), String.join(", ", overwrite),
                        RollupPage.rolledUp(site), READ_METRICS);
    }

    /**
     * The counts, sums, minimums and maximums of one rollup row over results {@code alias} (its status), in
     * {@link #aggregateColumns()}'s order, each averaged value taken by {@code valueOf} (and as numeric, for its sum, by
     * {@code exactOf}): the page's columns, or, for a whole bucket, the value rule over the raw result.
     */
    private static String aggregates(String alias, Function<Averaged, String> valueOf, Function<Averaged, String> exactOf) {
        List<String> out = new ArrayList<>(List.of("count(*)", "count(*) FILTER (WHERE %s.status = 'ok')".formatted(alias),
                "count(*) FILTER (WHERE %s.status IN ('failed', 'error'))".formatted(alias)));
        for (Averaged a : AVERAGED) {
            String value = valueOf.apply(a);
            out.add("count(" + value + ")");
            out.add("sum(" + exactOf.apply(a) + ")");
            if (a.keepsMin()) {
                out.add("min(" + value + ")");
            }
            out.add("max(" + value + ")");
        }
        List<String> columns = aggregateColumns();
        return IntStream.range(0, out.size()).mapToObj(i -> out.get(i) + " AS " + columns.get(i)).collect(Collectors.joining(", "));
    }

    /** The names of {@link #aggregates}' columns. */
    private static List<String> aggregateColumns() {
        List<String> out = new ArrayList<>(List.of("result_count", "ok_count", "failed_count"));
        for (Averaged a : AVERAGED) {
            out.add(a.name() + "_n");
            out.add(a.name() + "_sum");
            if (a.keepsMin()) {
                out.add(a.name() + "_min");
            }
            out.add(a.name() + "_max");
        }
        return out;
    }

    /** A count: the page's added to the stored row's, or, for a whole bucket, the page's alone. */
    private static String added(String column) {
        return "CASE WHEN f.whole THEN f.%1$s ELSE coalesce(o.%1$s, 0) + f.%1$s END".formatted(column);
    }

    /** A minimum or maximum: least/greatest of the stored row's and the page's (both ignore a missing one). */
    private static String combined(String function, String column) {
        return "CASE WHEN f.whole THEN f.%2$s ELSE %1$s(o.%2$s, f.%2$s) END".formatted(function, column);
    }
}
