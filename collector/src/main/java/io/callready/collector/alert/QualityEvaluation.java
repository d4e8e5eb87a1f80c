package io.callready.collector.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.wire.plan.DurationText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * Feeds results stored since the last pass through each series' breach rule, oldest sample first.
 * Idempotent: a series remembers its newest evaluated sample, so re-reading the overlap (see
 * {@link #CURSOR_OVERLAP}) or a crash before commit never counts a sample twice.
 */
@ApplicationScoped
public class QualityEvaluation {
    /** Re-read results received this long before the last pass, in case their insert committed late. */
    static final String CURSOR_OVERLAP = "30 seconds";
    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {
    };
    private static final String NEW_RESULTS = """
            SELECT customer_id, site_id, target, started_at, metrics::text AS metrics, labels ->> 'interval' AS plan_interval
            FROM results
            WHERE received_at > (SELECT received_from FROM alert_eval_cursor WHERE id = 1)
              AND jsonb_exists_any(metrics, array['mos', 'mos_up', 'mos_down', 'rtt_ms', 'jitter_up_ms', 'jitter_down_ms', 'loss_up_ratio', 'loss_down_ratio'])
            ORDER BY started_at""";

    @Inject
    AlertConfig config;
    @Inject
    AlertStore alerts;
    @Inject
    ThresholdStore thresholds;
    @Inject
    Mutes mutes;
    @Inject
    ObjectMapper mapper;

    private record SeriesKey(UUID siteId, String target, AlertMetric metric) {
    }

    private record Series(Instant lastStartedAt, int[] levels) {
    }

    public void run(Connection c, Instant now) throws SQLException {
        BreachRule rule = new BreachRule(config.breachCount(), config.breachWindow(), config.clearCount());
        Map<UUID, Map<AlertMetric, ThresholdStore.Effective>> siteThresholds = new HashMap<>();
        Map<UUID, Long> intervals = new HashMap<>();
        Instant nextCursor = databaseNowMinusOverlap(c);
        try (PreparedStatement q = c.prepareStatement(NEW_RESULTS); ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                UUID customerId = rs.getObject("customer_id", UUID.class);
                UUID siteId = rs.getObject("site_id", UUID.class);
                String target = rs.getString("target");
                Instant startedAt = rs.getObject("started_at", OffsetDateTime.class).toInstant();
                Map<String, Double> metrics = parse(rs.getString("metrics"));
                planInterval(rs.getString("plan_interval")).ifPresent(ms -> intervals.merge(siteId, ms, Math::max));
                var effective = siteThresholds.computeIfAbsent(siteId, s -> load(c, customerId, s));
                for (AlertMetric metric : AlertMetric.values()) {
                    OptionalDouble value = metric.read(metrics);
                    if (value.isPresent()) {
                        sample(c, rule, customerId, new SeriesKey(siteId, target, metric), startedAt, value.getAsDouble(),
                                effective.get(metric).threshold(), now);
                    }
                }
            }
        }
        saveIntervals(c, intervals);
        try (PreparedStatement u = c.prepareStatement("UPDATE alert_eval_cursor SET received_from = ? WHERE id = 1")) {
            u.setObject(1, SqlTime.of(nextCursor));
            u.executeUpdate();
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
            alerts.update(c, firing.get(), s, value, threshold.thresholdFor(s), mutes.muted(c, firing.get(), now), now);
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

    private static void saveIntervals(Connection c, Map<UUID, Long> intervals) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("""
                INSERT INTO alert_site_intervals (site_id, interval_ms) VALUES (?, ?)
                ON CONFLICT (site_id) DO UPDATE SET interval_ms = greatest(alert_site_intervals.interval_ms, excluded.interval_ms)""")) {
            for (var e : intervals.entrySet()) {
                u.setObject(1, e.getKey());
                u.setLong(2, e.getValue());
                u.addBatch();
            }
            u.executeBatch();
        }
    }

    private static Optional<Long> planInterval(String label) {
        if (label == null) {
            return Optional.empty();
        }
        try {
            long ms = DurationText.parse(label).toMillis();
            return ms > 0 ? Optional.of(ms) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Instant databaseNowMinusOverlap(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT clock_timestamp() - interval '" + CURSOR_OVERLAP + "'");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    private Map<AlertMetric, ThresholdStore.Effective> load(Connection c, UUID customerId, UUID siteId) {
        try {
            return thresholds.effective(c, customerId, siteId);
        } catch (SQLException e) {
            throw new IllegalStateException("reading thresholds of site " + siteId, e);
        }
    }

    private Map<String, Double> parse(String json) {
        try {
            return mapper.readValue(json, METRICS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("results.metrics is not a number map", e);
        }
    }
}
