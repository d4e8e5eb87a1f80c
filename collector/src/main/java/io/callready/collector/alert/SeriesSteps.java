package io.callready.collector.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@link BreachRule} over a whole page at once, in SQL: every new sample of every (site, target, metric) series
 * becomes one row of the temporary table {@code eval_steps} with its level and the alert state after it, computed
 * with window functions over the series' stored recent levels followed by its new samples, oldest first. From
 * there one statement per change brings the series and their alerts up to date, and only the samples that speak
 * (a severity change or a resolve of an announced alert) come back to Java.
 *
 * <p>The state after a sample follows from the rule alone: not firing, it fires when the window breaches
 * ({@code B}); firing, it resolves when the last clear-count samples are clear ({@code C}). So a sample with B and
 * not C leaves it firing, C and not B not firing, neither as it was, and both (only when window − clear-count ≥
 * count) flips it. The state after sample i is therefore B of the last sample that decided (B ≠ C), else the
 * alert's state before the pass, flipped once per sample with both since. The severity while firing is the
 * window's of the latest sample since the alert fired whose window breached, else the alert's own.
 * {@code EvaluationEquivalenceIT} replays generated sequences through this and the per-row evaluator it replaced.
 */
final class SeriesSteps {
    private static final String SERIES = "site_id, target, metric";

    private SeriesSteps() {
    }

    /** {@code eval_samples}: one row per usable (result, alert metric) of the page, from {@code eval_page}. */
    static void samples(Connection c) throws SQLException {
        String values = Arrays.stream(AlertMetric.values())
                .map(m -> "('" + m.wireName() + "', " + m.ordinal() + ", " + m.sqlValue(NewResults::column) + ")")
                .collect(Collectors.joining(",\n        "));
        execute(c, """
                CREATE TEMP TABLE eval_samples ON COMMIT DROP AS
                SELECT p.customer_id, p.site_id, p.target, m.metric, m.ordinal, p.started_at, p.result_id, m.value
                FROM eval_page p CROSS JOIN LATERAL (VALUES
                        %s) AS m(metric, ordinal, value)
                WHERE p.started_ok AND m.value IS NOT NULL""".formatted(values));
    }

    /** The sites with samples in the page. */
    static List<UUID> sites(Connection c) throws SQLException {
        List<UUID> sites = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT site_id FROM eval_samples"); ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                sites.add(rs.getObject(1, UUID.class));
            }
        }
        return sites;
    }

    /**
     * {@code eval_steps} for the page's new samples (of one site, or all when {@code siteId} is null).
     *
     * @return how many samples were new
     */
    static int steps(Connection c, BreachRule rule, double hysteresisRatio, UUID siteId) throws SQLException {
        String sql = STEPS.formatted(rule.window() - 1, rule.clearCount() - 1, rule.count(), rule.count(), rule.count(),
                rule.clearCount());
        try (PreparedStatement s = c.prepareStatement(sql)) {
            AlertMetric[] metrics = AlertMetric.values();
            s.setArray(1, c.createArrayOf("text", Arrays.stream(metrics).map(AlertMetric::wireName).toArray()));
            s.setArray(2, c.createArrayOf("bool", Arrays.stream(metrics).map(AlertMetric::higherIsWorse).toArray()));
            s.setArray(3, c.createArrayOf("float8", Arrays.stream(metrics).map(m -> m.defaults().warning()).toArray()));
            s.setArray(4, c.createArrayOf("float8", Arrays.stream(metrics).map(m -> m.defaults().critical()).toArray()));
            s.setObject(5, siteId);
            s.setObject(6, siteId);
            s.setDouble(7, hysteresisRatio);
            s.setDouble(8, hysteresisRatio);
            return s.executeUpdate();
        }
    }

    /** The series' new levels and newest sample, then every alert's state: continued, resolved or new. */
    static void apply(Connection c, BreachRule rule, Instant now) throws SQLException {
        execute(c, """
                INSERT INTO alert_series (site_id, target, metric, last_started_at, recent_levels)
                SELECT site_id, target, metric, last_started_at, levels[greatest(1, cardinality(levels) - %d + 1):]
                FROM (SELECT s.site_id, s.target, s.metric, max(s.started_at) AS last_started_at,
                             coalesce(a.recent_levels, '{}') || array_agg(s.level::smallint ORDER BY s.seq) AS levels
                      FROM eval_steps s LEFT JOIN alert_series a USING (site_id, target, metric)
                      GROUP BY s.site_id, s.target, s.metric, a.recent_levels) appended
                ON CONFLICT (site_id, target, metric) DO UPDATE
                SET last_started_at = excluded.last_started_at, recent_levels = excluded.recent_levels""".formatted(rule.history()));
        try (PreparedStatement u = c.prepareStatement("""
                UPDATE alerts a SET severity = coalesce(f.severity, a.severity), value = coalesce(f.value, a.value),
                       threshold = coalesce(f.threshold, a.threshold),
                       state = CASE WHEN f.resolved THEN 'resolved' ELSE a.state END,
                       resolved_at = CASE WHEN f.resolved THEN ?::timestamptz ELSE a.resolved_at END
                FROM (SELECT alert_id, (array_agg(severity ORDER BY seq DESC) FILTER (WHERE firing_after))[1] AS severity,
                             (array_agg(value ORDER BY seq DESC) FILTER (WHERE firing_after))[1] AS value,
                             (array_agg(threshold ORDER BY seq DESC) FILTER (WHERE firing_after))[1] AS threshold,
                             bool_or(NOT firing_after) AS resolved
                      FROM eval_steps WHERE episode = 0 AND alert_id IS NOT NULL GROUP BY alert_id) f
                WHERE a.id = f.alert_id""")) {
            u.setObject(1, SqlTime.of(now));
            u.executeUpdate();
        }
        try (PreparedStatement i = c.prepareStatement("""
                INSERT INTO alerts (id, dedup_key, kind, customer_id, site_id, target, metric, severity, state, value, threshold,
                                    started_at, resolved_at)
                SELECT gen_random_uuid(), 'callready:' || site_id || ':' || target || ':' || metric, 'quality', customer_id,
                       site_id, target, metric, (array_agg(severity ORDER BY seq DESC) FILTER (WHERE firing_after))[1],
                       CASE WHEN bool_or(NOT firing_after) THEN 'resolved' ELSE 'firing' END,
                       (array_agg(value ORDER BY seq DESC) FILTER (WHERE firing_after))[1],
                       (array_agg(threshold ORDER BY seq DESC) FILTER (WHERE firing_after))[1],
                       ?::timestamptz, CASE WHEN bool_or(NOT firing_after) THEN ?::timestamptz END
                FROM eval_steps WHERE episode > 0
                GROUP BY customer_id, site_id, target, metric, episode""")) {
            i.setObject(1, SqlTime.of(now));
            i.setObject(2, SqlTime.of(now));
            i.executeUpdate();
        }
    }

    /** A sample of an announced alert (not yet part of an incident, for a severity change) that has something to say. */
    record Spoken(UUID alertId, boolean resolves, Severity severity, double value, double threshold) {
    }

    /** Read before {@link #apply}; in the order the samples were taken. */
    static List<Spoken> spoken(Connection c) throws SQLException {
        List<Spoken> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("""
                SELECT alert_id, NOT firing_after AS resolves, severity, value, threshold
                FROM (SELECT s.*, coalesce(lag(severity) OVER (PARTITION BY %s ORDER BY seq), alert_severity) AS severity_before
                      FROM eval_steps s WHERE episode = 0 AND announced) m
                WHERE firing_before AND (NOT firing_after OR (severity <> severity_before AND incident_id IS NULL))
                ORDER BY started_at, ordinal, site_id, target""".formatted(SERIES));
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(new Spoken(rs.getObject("alert_id", UUID.class), rs.getBoolean("resolves"),
                        Severity.fromWire(rs.getString("severity")), rs.getDouble("value"), rs.getDouble("threshold")));
            }
        }
        return out;
    }

    static void drop(Connection c) throws SQLException {
        execute(c, "DROP TABLE eval_steps");
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * Per new sample: level, window counts over stored + new levels, and the alert state machine (see the class
     * comment). Format arguments: window − 1, clear-count − 1, count (three times), clear-count.
     */
    private static final String STEPS = """
            CREATE TEMP TABLE eval_steps ON COMMIT DROP AS
            WITH defaults AS (
              SELECT * FROM unnest(?::text[], ?::bool[], ?::float8[], ?::float8[]) AS d(metric, higher, warning, critical)
            ), page AS (
              SELECT s.*,
                     row_number() OVER (PARTITION BY s.site_id, s.target, s.metric, s.started_at ORDER BY s.result_id) AS nth
              FROM eval_samples s LEFT JOIN alert_series a USING (site_id, target, metric)
              -- samples no newer than the series' newest are dropped before the sort (a tie of start times drops alike)
              WHERE (?::uuid IS NULL OR s.site_id = ?::uuid) AND (a.last_started_at IS NULL OR s.started_at > a.last_started_at)
            ), fresh AS (
              SELECT p.customer_id, p.site_id, p.target, p.metric, p.ordinal, p.started_at, p.value, d.higher,
                     coalesce(ts.warning, tc.warning, d.warning) AS warning, coalesce(ts.critical, tc.critical, d.critical) AS critical
              FROM page p JOIN defaults d ON d.metric = p.metric
              LEFT JOIN alert_thresholds ts ON ts.customer_id = p.customer_id AND ts.site_id = p.site_id AND ts.metric = p.metric
              LEFT JOIN alert_thresholds tc ON tc.customer_id = p.customer_id AND tc.site_id IS NULL AND tc.metric = p.metric
              WHERE p.nth = 1
            ), leveled AS (
              SELECT f.*, CASE
                       WHEN (f.higher AND f.value > f.critical) OR (NOT f.higher AND f.value < f.critical) THEN 3
                       WHEN (f.higher AND f.value > f.warning) OR (NOT f.higher AND f.value < f.warning) THEN 2
                       WHEN (f.higher AND f.value > f.warning - abs(f.warning) * ?)
                         OR (NOT f.higher AND f.value < f.warning + abs(f.warning) * ?) THEN 1
                       ELSE 0 END AS level,
                     row_number() OVER (PARTITION BY f.site_id, f.target, f.metric ORDER BY f.started_at) AS seq
              FROM fresh f
            ), timeline AS (
              SELECT customer_id, site_id, target, metric, ordinal, started_at, value, warning, critical, level, seq, true AS fresh
              FROM leveled
              UNION ALL
              SELECT NULL, a.site_id, a.target, a.metric, NULL, NULL, NULL, NULL, NULL, u.level, u.n - cardinality(a.recent_levels), false
              FROM alert_series a JOIN (SELECT DISTINCT site_id, target, metric FROM leveled) k USING (site_id, target, metric)
              CROSS JOIN LATERAL unnest(a.recent_levels) WITH ORDINALITY AS u(level, n)
            ), counted AS (
              SELECT t.*, count(*) FILTER (WHERE level >= 2) OVER recent AS breaches,
                     count(*) FILTER (WHERE level >= 3) OVER recent AS criticals,
                     count(*) FILTER (WHERE level = 0) OVER clearing AS clears
              FROM timeline t
              WINDOW recent AS (PARTITION BY site_id, target, metric ORDER BY seq ROWS BETWEEN %d PRECEDING AND CURRENT ROW),
                     clearing AS (PARTITION BY site_id, target, metric ORDER BY seq ROWS BETWEEN %d PRECEDING AND CURRENT ROW)
            ), decided AS (
              SELECT c.*, c.breaches >= %d AS breached,
                     CASE WHEN c.criticals >= %d THEN 'critical' WHEN c.breaches >= %d THEN 'warning' END AS window_severity,
                     c.clears = %d AS cleared,
                     a.id AS alert_id, a.severity AS alert_severity, a.notified_at IS NOT NULL AS announced, a.incident_id
              FROM counted c LEFT JOIN alerts a
                ON a.dedup_key = 'callready:' || c.site_id || ':' || c.target || ':' || c.metric AND a.state = 'firing'
              WHERE c.fresh
            ), decisions AS (
              SELECT d.*, count(*) FILTER (WHERE breached <> cleared) OVER (PARTITION BY site_id, target, metric ORDER BY seq) AS decision
              FROM decided d
            ), stated AS (
              SELECT d.*, (CASE WHEN decision = 0 THEN alert_id IS NOT NULL ELSE first_value(breached) OVER run END)
                          <> ((count(*) FILTER (WHERE breached AND cleared) OVER run) %% 2 = 1) AS firing_after
              FROM decisions d
              WINDOW run AS (PARTITION BY site_id, target, metric, decision ORDER BY seq)
            ), changes AS (
              SELECT s.*, coalesce(lag(firing_after) OVER (PARTITION BY site_id, target, metric ORDER BY seq), alert_id IS NOT NULL) AS firing_before
              FROM stated s
            ), episodes AS (
              SELECT c.*, count(*) FILTER (WHERE firing_after AND NOT firing_before)
                            OVER (PARTITION BY site_id, target, metric ORDER BY seq) AS episode
              FROM changes c
            ), severity_runs AS (
              SELECT e.*, count(window_severity) OVER (PARTITION BY site_id, target, metric, episode ORDER BY seq) AS severity_run
              FROM episodes e
            ), severities AS (
              SELECT r.*, coalesce(first_value(window_severity) OVER (PARTITION BY site_id, target, metric, episode, severity_run ORDER BY seq),
                                   CASE WHEN episode = 0 THEN alert_severity END) AS severity
              FROM severity_runs r
            )
            SELECT s.*, CASE WHEN severity = 'critical' THEN critical ELSE warning END AS threshold FROM severities s""";
}
