package io.callready.collector.alert;

import io.callready.collector.jobs.JobHealth;
import io.callready.wire.plan.DurationText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Copies one page of the results stored since the last pass into the transaction's temporary table
 * {@code eval_page}: per watched metric key a column {@code "v_<key>"} holding the value, or NULL when the result
 * does not carry it or carries something the rules cannot use. Whatever a stored row holds (rows from an older
 * collector, or written by hand), an unusable value is skipped, logged once and counted as
 * {@code callready.jobs.isolated{job="alert-evaluation"}}, and the rest is read. Skipped: a start time that is not
 * finite or lies more than {@link #MAX_AHEAD} ahead (it would make every later sample of its series look old;
 * {@code started_ok} is false), a metric that is not a number a double can hold (a string, or beyond
 * ±1.8e308, which a JSON reader makes infinite), an {@code interval} label that is not a duration between 1 ms and
 * {@link #MAX_PLAN_INTERVAL}.
 */
@ApplicationScoped
public class NewResults {
    static final Duration MAX_AHEAD = Duration.ofDays(1);
    /** Longest plan interval the offline rule believes; longer ones are data errors, not plans. */
    static final Duration MAX_PLAN_INTERVAL = Duration.ofDays(1);
    static final List<String> WATCHED = Arrays.stream(AlertMetric.values())
            .flatMap(m -> m.sourceKeys().stream()).distinct().toList();
    /**
     * Results read by one pass at most (plus the rest of the batch the last one came in), so a backlog after a burst
     * is worked off page by page in bounded memory instead of loaded whole (issue 15: that took the heap).
     */
    static final int MAX_ROWS_PER_PASS = 10_000;
    /** Halfway between the largest double and the next power of two: from here on a number reads as infinite. */
    private static final BigDecimal OVERFLOWS_FROM = BigDecimal.TWO.pow(1024).subtract(BigDecimal.TWO.pow(970));
    /** Half the smallest double: a number no larger than this reads as 0 (PostgreSQL would refuse to convert it). */
    private static final BigDecimal UNDERFLOWS_UP_TO = BigDecimal.ONE.divide(BigDecimal.TWO.pow(1075));
    /** The receipt time of the first result past this pass's page, if the backlog is longer than a page. */
    private static final String PAGE_END = """
            SELECT received_at FROM results
            WHERE received_at > (SELECT received_from FROM alert_eval_cursor WHERE id = 1)
            ORDER BY received_at OFFSET %d LIMIT 1""".formatted(MAX_ROWS_PER_PASS);
    /**
     * One read of each result's stored (compressed) metrics: {@code jsonb_to_record} takes every watched key out in one
     * pass, where each {@code ->} would decompress the metrics again. A key holding JSON null reads as SQL NULL there,
     * so one {@code ?|} asks whether any of the keys that read as NULL is present (only poison rows say yes), and only
     * then are the metrics searched key by key. A result is in the page when it carries a watched key: one that read
     * as a value says so without decompressing the metrics again, only the others are asked with {@code ?|}. The page
     * is bounded in the index condition on both sides: a filter on its end would read the whole backlog behind the page.
     * The inner query is kept apart ({@code OFFSET 0}): flattened, the outer one repeated each key's value rule for
     * every use of its column, three times per key, and the page cost half as much again (issue 15).
     */
    static final String COPY_PAGE = """
            CREATE TEMP TABLE eval_page ON COMMIT DROP AS
            SELECT p.result_id, p.customer_id, p.site_id, p.target, p.started_at, p.started_ok, p.plan_interval,
                   %1$s,
                   array_remove(ARRAY[%2$s], NULL)
                     || CASE WHEN p.holds_null THEN (SELECT array_agg(key ORDER BY key) FROM jsonb_each(p.metrics)
                                                     WHERE key IN (%3$s) AND jsonb_typeof(value) = 'null') ELSE '{}' END AS unusable_keys,
                   CASE WHEN NOT p.started_ok OR p.holds_null OR %4$s THEN p.metrics END AS rejected_metrics
            FROM (SELECT r.result_id, r.customer_id, r.site_id, r.target, r.started_at, r.metrics,
                         isfinite(r.started_at) AND r.started_at <= ?::timestamptz AS started_ok,
                         r.labels ->> 'interval' AS plan_interval,
                         jsonb_exists_any(r.metrics, array_remove(ARRAY[%5$s], NULL)) AS holds_null,
                         %6$s
                  FROM results r, (SELECT ?::numeric AS overflows_from, ?::numeric AS underflows_up_to) AS limits,
                       jsonb_to_record(r.metrics) AS m(%7$s)
                  WHERE r.received_at > (SELECT received_from FROM alert_eval_cursor WHERE id = 1)
                    AND r.received_at <= coalesce(?::timestamptz, 'infinity')
                    AND (%8$s OR jsonb_exists_any(r.metrics, array[%3$s]))
                  OFFSET 0) AS p""".formatted(
            WATCHED.stream().map(k -> "p." + column(k)).collect(Collectors.joining(", ")),
            WATCHED.stream().map(k -> "CASE WHEN p." + present(k) + " AND p." + column(k) + " IS NULL THEN '" + k + "' END")
                    .collect(Collectors.joining(", ")),
            quoted(),
            WATCHED.stream().map(k -> "(p." + present(k) + " AND p." + column(k) + " IS NULL)").collect(Collectors.joining(" OR ")),
            WATCHED.stream().map(k -> "CASE WHEN m.\"" + k + "\" IS NULL THEN '" + k + "' END").collect(Collectors.joining(", ")),
            WATCHED.stream().map(k -> usable(k) + " AS " + column(k) + ", m.\"" + k + "\" IS NOT NULL AS " + present(k))
                    .collect(Collectors.joining(",\n                         ")),
            WATCHED.stream().map(k -> "\"" + k + "\" jsonb").collect(Collectors.joining(", ")),
            WATCHED.stream().map(k -> "m.\"" + k + "\" IS NOT NULL").collect(Collectors.joining(" OR ")));
    private static final String REJECTS = """
            SELECT p.result_id, p.site_id, p.started_ok, NOT isfinite(p.started_at) AS not_finite, p.started_at::text AS started, k.key,
                   (p.rejected_metrics -> k.key)::text AS value
            FROM eval_page p LEFT JOIN LATERAL unnest(p.unusable_keys) AS k(key) ON true
            WHERE p.rejected_metrics IS NOT NULL""";
    private static final String INTERVALS = """
            SELECT site_id, plan_interval FROM eval_page WHERE started_ok AND plan_interval IS NOT NULL GROUP BY site_id, plan_interval""";

    @Inject
    JobHealth health;

    /**
     * One pass's page of new results, in {@code eval_page}.
     *
     * @param intervalMsBySite the longest usable {@code interval} label of each site's usable results
     * @param end              when more results wait than a page holds: the receipt time up to which this page read them
     */
    public record Page(Map<UUID, Long> intervalMsBySite, Optional<Instant> end) {
    }

    /** The SQL column of a watched key in {@code eval_page}. */
    static String column(String key) {
        return "\"v_" + key + "\"";
    }

    private static String quoted() {
        return WATCHED.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", "));
    }

    /** Whether the result holds the key with a value other than JSON null, in the page's inner select. */
    private static String present(String key) {
        return "\"h_" + key + "\"";
    }

    /** The key's value as a double, or NULL when absent, not a number, or beyond a double (as a JSON reader rounds). */
    private static String usable(String key) {
        String v = "m.\"" + key + "\"";
        // Nested CASE, not AND: only CASE promises a string is never cast.
        return "CASE WHEN jsonb_typeof(" + v + ") = 'number' THEN CASE WHEN abs(" + v + "::numeric) >= limits.overflows_from THEN NULL "
                + "WHEN abs(" + v + "::numeric) <= limits.underflows_up_to THEN 0::float8 ELSE " + v + "::numeric::float8 END END";
    }

    public Page read(Connection c, Instant now) throws SQLException {
        OffsetDateTime end = null;
        try (PreparedStatement q = c.prepareStatement(PAGE_END); ResultSet rs = q.executeQuery()) {
            if (rs.next()) {
                end = rs.getObject(1, OffsetDateTime.class);
            }
        }
        try (PreparedStatement copy = c.prepareStatement(COPY_PAGE)) {
            copy.setObject(1, SqlTime.of(now.plus(MAX_AHEAD)));
            copy.setBigDecimal(2, OVERFLOWS_FROM);
            copy.setBigDecimal(3, UNDERFLOWS_UP_TO);
            copy.setObject(4, end);
            copy.executeUpdate();
        }
        reportRejects(c);
        return new Page(intervals(c), Optional.ofNullable(end).map(OffsetDateTime::toInstant));
    }

    private void reportRejects(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(REJECTS); ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                String ids = "result_id=" + rs.getObject("result_id", UUID.class) + " site_id=" + rs.getObject("site_id", UUID.class);
                if (!rs.getBoolean("started_ok")) {
                    health.isolated(JobHealth.ALERT_EVALUATION, ids, new IllegalArgumentException(rs.getBoolean("not_finite")
                            ? "started_at is not a finite time"
                            : "started_at " + rs.getString("started") + " lies more than " + MAX_AHEAD.toDays() + " day ahead"));
                    continue;
                }
                String key = rs.getString("key");
                health.isolated(JobHealth.ALERT_EVALUATION, ids + " metric=" + key,
                        new IllegalArgumentException("metrics." + key + " is not a finite number: " + clip(rs.getString("value"))));
            }
        }
    }

    private Map<UUID, Long> intervals(Connection c) throws SQLException {
        Map<UUID, Long> bySite = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement(INTERVALS); ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                UUID siteId = rs.getObject("site_id", UUID.class);
                planInterval(rs.getString("plan_interval"), siteId).ifPresent(ms -> bySite.merge(siteId, ms, Math::max));
            }
        }
        return bySite;
    }

    /** A bad label is logged once per site and value, not per result: an agent sends the same label every time. */
    Optional<Long> planInterval(String label, UUID siteId) {
        try {
            Duration d = DurationText.parse(label);
            if (d.isZero() || d.isNegative() || d.compareTo(MAX_PLAN_INTERVAL) > 0) {
                throw new IllegalArgumentException("must lie between 1ms and " + DurationText.format(MAX_PLAN_INTERVAL));
            }
            return Optional.of(d.toMillis());
        } catch (RuntimeException e) {
            health.isolated(JobHealth.ALERT_EVALUATION, "site_id=" + siteId + " labels.interval=" + clip(label),
                    new IllegalArgumentException("labels.interval '" + clip(label) + "' is not a usable plan interval", e));
            return Optional.empty();
        }
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
