package io.callready.collector.alert;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@link BreachRule} over a whole page at once: the page's new samples of every (site, target, metric) series come
 * back from {@code eval_samples} in one ordered read, each series runs through {@link SeriesTimeline} in Java (the
 * rule itself, sample by sample), and the outcome goes back in one statement per change: the series' levels, the
 * alerts that were firing, the alerts the page opened. Samples no newer than their series' newest are dropped in the
 * read (a tie of start times drops alike; of two samples with one start time the lower {@code result_id} counts).
 * The window functions that did this in SQL sorted the page seven times over rows of 300 bytes: 0.7–1.0 s for the
 * 40,000 samples of a 10,000-result page, twice the page copy; this takes 0.16–0.3 s (issue 15).
 * {@code EvaluationEquivalenceIT} replays generated sequences through this and the per-row evaluator it replaced.
 */
final class SeriesSteps {
    /** Samples fetched per round trip while the page streams through. */
    private static final int FETCH_ROWS = 2_000;

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

    /** The page's new samples (of one site, or all when {@code siteId} is null) evaluated and written. */
    record Outcome(int samples, List<Spoken> spoken) {
    }

    /** A sample of an announced alert (not yet part of an incident, for a severity change) that has something to say. */
    record Spoken(UUID alertId, boolean resolves, Severity severity, double value, double threshold) {
    }

    /** One series. */
    record Key(UUID siteId, String target, String metric) {
    }

    /** What a series holds before the page: stored levels, its firing alert, its target's rank in the database's order. */
    private record Stored(int[] levels, Optional<SeriesTimeline.Firing> firing, int targetRank) {
    }

    private record Ordered(SeriesTimeline.Spoken spoken, int ordinal, UUID siteId, int targetRank) {
    }

    /** In the order the samples were taken; ties as the database orders start time, metric, site and target. */
    private static final Comparator<Ordered> SPEAKING_ORDER = Comparator.<Ordered, OffsetDateTime>comparing(o -> o.spoken().startedAt())
            .thenComparingInt(Ordered::ordinal)
            .thenComparing(Ordered::siteId, SeriesSteps::compareAsDatabase)
            .thenComparingInt(Ordered::targetRank);

    static Outcome evaluate(Connection c, BreachRule rule, double hysteresisRatio, UUID siteId, Instant now) throws SQLException {
        Map<Key, Stored> stored = stored(c, siteId, rule);
        PageThresholds thresholds = PageThresholds.read(c, siteId);
        SeriesChanges changes = new SeriesChanges();
        List<Ordered> spoken = new ArrayList<>();
        int samples = 0;
        try (PreparedStatement q = c.prepareStatement("""
                SELECT s.customer_id, s.site_id, s.target, s.metric, s.started_at, s.value
                FROM eval_samples s LEFT JOIN alert_series a USING (site_id, target, metric)
                WHERE (?::uuid IS NULL OR s.site_id = ?::uuid) AND (a.last_started_at IS NULL OR s.started_at > a.last_started_at)
                ORDER BY s.site_id, s.target, s.metric, s.started_at, s.result_id""")) {
            q.setObject(1, siteId);
            q.setObject(2, siteId);
            q.setFetchSize(FETCH_ROWS);
            try (ResultSet rs = q.executeQuery()) {
                Key key = null;
                UUID customer = null;
                AlertMetric metric = null;
                SeriesTimeline timeline = null;
                OffsetDateTime last = null;
                while (rs.next()) {
                    Key k = new Key(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4));
                    OffsetDateTime startedAt = rs.getObject(5, OffsetDateTime.class);
                    if (!k.equals(key)) {
                        finish(key, customer, timeline, stored, changes, spoken);
                        key = k;
                        customer = rs.getObject(1, UUID.class);
                        metric = AlertMetric.fromWire(k.metric()).orElseThrow();
                        Stored s = stored.get(k);
                        timeline = new SeriesTimeline(rule, hysteresisRatio, s.levels(), s.firing());
                    } else if (startedAt.isEqual(last)) {
                        continue;
                    }
                    last = startedAt;
                    timeline.add(new SeriesTimeline.Sample(startedAt, rs.getDouble(6), thresholds.of(customer, k.siteId(), metric)));
                    samples++;
                }
                finish(key, customer, timeline, stored, changes, spoken);
            }
        }
        changes.write(c, now);
        spoken.sort(SPEAKING_ORDER);
        return new Outcome(samples, spoken.stream().map(o -> new Spoken(o.spoken().alertId(), o.spoken().resolves(), o.spoken().severity(),
                o.spoken().value(), o.spoken().threshold())).toList());
    }

    private static void finish(Key key, UUID customer, SeriesTimeline timeline, Map<Key, Stored> stored, SeriesChanges changes,
                               List<Ordered> spoken) {
        if (key == null) {
            return;
        }
        changes.add(key, customer, timeline);
        int ordinal = AlertMetric.fromWire(key.metric()).orElseThrow().ordinal();
        for (SeriesTimeline.Spoken s : timeline.spoken()) {
            spoken.add(new Ordered(s, ordinal, key.siteId(), stored.get(key).targetRank()));
        }
    }

    /** Each series of the page (of one site, or all): stored levels and firing alert. */
    private static Map<Key, Stored> stored(Connection c, UUID siteId, BreachRule rule) throws SQLException {
        Map<Key, Stored> out = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("""
                SELECT k.site_id, k.target, k.metric, a.recent_levels, f.id, f.severity, f.notified_at IS NOT NULL AS announced,
                       f.incident_id IS NOT NULL AS in_incident, dense_rank() OVER (ORDER BY k.target)::int AS target_rank
                FROM (SELECT DISTINCT site_id, target, metric FROM eval_samples WHERE ?::uuid IS NULL OR site_id = ?::uuid) k
                LEFT JOIN alert_series a USING (site_id, target, metric)
                LEFT JOIN alerts f ON f.dedup_key = 'callready:' || k.site_id || ':' || k.target || ':' || k.metric AND f.state = 'firing'""")) {
            q.setObject(1, siteId);
            q.setObject(2, siteId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Array levels = rs.getArray(4);
                    UUID alertId = rs.getObject(5, UUID.class);
                    Optional<SeriesTimeline.Firing> firing = alertId == null ? Optional.empty()
                            : Optional.of(new SeriesTimeline.Firing(alertId, Severity.fromWire(rs.getString(6)), rs.getBoolean(7), rs.getBoolean(8)));
                    out.put(new Key(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)),
                            new Stored(levels == null ? new int[0] : ints(levels, rule.history()), firing, rs.getInt(9)));
                }
            }
        }
        return out;
    }

    /** A stored {@code smallint[]}, its last {@code keep} entries. */
    private static int[] ints(Array array, int keep) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        int from = Math.max(0, values.length - keep);
        int[] out = new int[values.length - from];
        for (int i = from; i < values.length; i++) {
            out[i - from] = ((Number) values[i]).intValue();
        }
        return out;
    }

    /** PostgreSQL orders uuids byte by byte, unsigned. */
    private static int compareAsDatabase(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
