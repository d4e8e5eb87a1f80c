package io.callready.collector.alert;

import io.callready.collector.alert.PerRowNewResults.Sample;
import io.callready.collector.jobs.JobHealth;
import io.callready.collector.jobs.RowIsolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * The per-row quality evaluation as it was before issue 15, one round trip per (series, sample), kept as the
 * reference {@link EvaluationEquivalenceIT} compares the set-based {@link QualityEvaluation} with. Feeds results stored since the last pass through each series' breach rule, oldest sample first.
 * Idempotent: a series remembers its newest evaluated sample, so re-reading the overlap (see
 * {@link #CURSOR_OVERLAP}) or a crash before commit never counts a sample twice.
 * Each site is evaluated under its own savepoint: a site whose evaluation fails is skipped (logged once,
 * counted) and the pass, and its cursor, go on with every other site. Unusable values never get this far
 * ({@link PerRowNewResults}).
 */
@ApplicationScoped
class PerRowQualityEvaluation {
    /** Re-read results received this long before the last pass, in case their insert committed late. */
    static final String CURSOR_OVERLAP = "30 seconds";

    @Inject
    AlertConfig config;
    @Inject
    AlertStore alerts;
    @Inject
    ThresholdStore thresholds;
    @Inject
    Mutes mutes;
    @Inject
    PerRowNewResults newResults;
    @Inject
    JobHealth health;

    private record SeriesKey(UUID siteId, String target, AlertMetric metric) {
    }

    private record Series(Instant lastStartedAt, int[] levels) {
    }

    public void run(Connection c, Instant now) throws SQLException {
        BreachRule rule = new BreachRule(config.breachCount(), config.breachWindow(), config.clearCount());
        Instant overlapping = databaseNowMinusOverlap(c);
        PerRowNewResults.Page page = newResults.read(c, now);
        // A partial page moves the cursor only past what it read; the overlap still covers transactions in flight.
        Instant nextCursor = page.end().filter(end -> end.isBefore(overlapping)).orElse(overlapping);
        for (var site : page.bySite().entrySet()) {
            RowIsolation.underSavepoint(c, health, JobHealth.ALERT_EVALUATION, "site_id=" + site.getKey(),
                    () -> evaluateSite(c, rule, site.getKey(), site.getValue(), now));
        }
        try (PreparedStatement u = c.prepareStatement("UPDATE alert_eval_cursor SET received_from = ? WHERE id = 1")) {
            u.setObject(1, SqlTime.of(nextCursor));
            u.executeUpdate();
        }
    }

    /** One site's new samples, oldest first; a failure undoes only this site's share of the pass. */
    private void evaluateSite(Connection c, BreachRule rule, UUID siteId, List<Sample> samples, Instant now) throws SQLException {
        UUID customerId = samples.getFirst().customerId();
        Map<AlertMetric, ThresholdStore.Effective> effective = thresholds.effective(c, customerId, siteId);
        long intervalMs = 0;
        for (Sample s : samples) {
            for (AlertMetric metric : AlertMetric.values()) {
                OptionalDouble value = metric.read(s.metrics());
                if (value.isPresent()) {
                    sample(c, rule, s.customerId(), new SeriesKey(siteId, s.target(), metric), s.startedAt(), value.getAsDouble(),
                            effective.get(metric).threshold(), now);
                }
            }
            intervalMs = Math.max(intervalMs, s.planIntervalMs().orElse(0L));
        }
        if (intervalMs > 0) {
            saveInterval(c, siteId, intervalMs);
        }
    }

    private void sample(Connection c, BreachRule rule, UUID customerId, SeriesKey key, Instant startedAt, double value,
                        Threshold threshold, Instant now) throws SQLException {
        Optional<Series> known = loadSeries(c, key);
        if (known.isPresent() && !startedAt.isAfter(known.get().lastStartedAt())) {
            return;
        }
        int[] before = known.map(Series::levels).orElse(new int[0]);
        int[] levels = append(before, threshold.levelOf(value, config.hysteresisRatio()), rule.history());
        saveSeries(c, key, startedAt, levels);

        String dedupKey = AlertRow.qualityKey(key.siteId(), key.target(), key.metric());
        Optional<AlertRow> firing = alerts.firing(c, dedupKey);
        Optional<Severity> decided = rule.decide(firing.map(AlertRow::severity), levels);
        if (firing.isEmpty() && decided.isPresent()) {
            Severity s = decided.get();
            alerts.fire(c, dedupKey, AlertRow.QUALITY, customerId, key.siteId(), key.target(), key.metric().wireName(), s,
                    value, threshold.thresholdFor(s), now);
        } else if (firing.isPresent() && decided.isEmpty()) {
            alerts.resolve(c, firing.get(), now);
        } else if (firing.isPresent()) {
            Severity s = decided.get();
            update(c, firing.get(), s, value, threshold.thresholdFor(s), mutes.muted(c, firing.get(), now), now);
        }
    }

    /** Latest value; a new severity is announced once if the alert was announced and nobody muted it since. */
    private void update(Connection c, AlertRow a, Severity severity, double value, double threshold, boolean muted,
                        Instant now) throws SQLException {
        boolean announce = severity != a.severity() && a.announced() && a.incidentId() == null && !muted;
        try (PreparedStatement u = c.prepareStatement("UPDATE alerts SET severity = ?, value = ?, threshold = ? WHERE id = ?")) {
            u.setString(1, severity.wireName());
            u.setDouble(2, value);
            u.setDouble(3, threshold);
            u.setObject(4, a.id());
            u.executeUpdate();
        }
        if (announce) {
            alerts.announceSeverityChange(c, new AlertRow(a.id(), a.dedupKey(), a.kind(), a.customerId(), a.siteId(), a.target(),
                    a.metric(), severity, a.state(), value, threshold, a.startedAt(), a.resolvedAt(), a.notifiedAt(),
                    a.lastNotifiedAt(), a.incidentId(), a.details()), now);
        }
    }

    private static int[] append(int[] levels, int level, int keep) {
        int from = Math.max(0, levels.length + 1 - keep);
        int[] out = new int[levels.length + 1 - from];
        System.arraycopy(levels, from, out, 0, levels.length - from);
        out[out.length - 1] = level;
        return out;
    }

    private static Optional<Series> loadSeries(Connection c, SeriesKey key) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT last_started_at, recent_levels FROM alert_series WHERE site_id = ? AND target = ? AND metric = ?")) {
            q.setObject(1, key.siteId());
            q.setString(2, key.target());
            q.setString(3, key.metric().wireName());
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Object[] raw = (Object[]) rs.getArray("recent_levels").getArray();
                int[] levels = new int[raw.length];
                for (int i = 0; i < raw.length; i++) {
                    levels[i] = ((Number) raw[i]).intValue();
                }
                return Optional.of(new Series(SqlTime.read(rs, "last_started_at"), levels));
            }
        }
    }

    private static void saveSeries(Connection c, SeriesKey key, Instant startedAt, int[] levels) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("""
                INSERT INTO alert_series (site_id, target, metric, last_started_at, recent_levels) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (site_id, target, metric) DO UPDATE
                SET last_started_at = excluded.last_started_at, recent_levels = excluded.recent_levels""")) {
            Short[] boxed = new Short[levels.length];
            for (int i = 0; i < levels.length; i++) {
                boxed[i] = (short) levels[i];
            }
            Array array = c.createArrayOf("int2", boxed);
            u.setObject(1, key.siteId());
            u.setString(2, key.target());
            u.setString(3, key.metric().wireName());
            u.setObject(4, SqlTime.of(startedAt));
            u.setArray(5, array);
            u.executeUpdate();
        }
    }

    private static void saveInterval(Connection c, UUID siteId, long intervalMs) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("""
                INSERT INTO alert_site_intervals (site_id, interval_ms) VALUES (?, ?)
                ON CONFLICT (site_id) DO UPDATE SET interval_ms = greatest(alert_site_intervals.interval_ms, excluded.interval_ms)""")) {
            u.setObject(1, siteId);
            u.setLong(2, intervalMs);
            u.executeUpdate();
        }
    }

    private static Instant databaseNowMinusOverlap(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT clock_timestamp() - interval '" + CURSOR_OVERLAP + "'");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }
}
