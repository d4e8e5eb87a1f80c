package io.callready.collector.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.callready.collector.support.Api;
import io.callready.collector.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The set-based evaluation decides exactly as the per-row one it replaced ({@link PerRowQualityEvaluation}): one
 * generated script (seeded) of results for four sites of four tenants, two targets each (one shared, so incidents
 * form) with breaches, recoveries, values in the hysteresis band, out-of-order and duplicate start times, values the
 * rules cannot use, threshold overrides, a silence and an offline site, is replayed from the same clock through both,
 * each on its own twin sites. After every pass the alerts, the series and the messages of the pass must be the same.
 */
@QuarkusTest
class EvaluationEquivalenceIT {
    private static final long SEED = 1_520_261_201L;
    private static final int SITES = 4;
    private static final int PASSES = 36;
    private static final double[] JITTER_GOOD = {2, 8, 17.5, 18.5, 19.5};
    private static final double[] JITTER_BAD = {20.5, 25, 29, 31, 45};

    @Inject
    TestClock clock;
    @Inject
    AlertEvaluator setBased;
    @Inject
    PerRowEvaluator perRow;
    @Inject
    AgroalDataSource db;
    @Inject
    ObjectMapper mapper;

    private final List<AlertTimeline> timelines = new ArrayList<>();

    private record Row(int site, int target, Map<String, Object> metrics, long startedOffsetMs) {
    }

    private final List<Api.TestTenant> allSites = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();

    /** Nothing of the twins may reach other tests: their results (some unusable), firing alerts, open incidents. */
    @AfterEach
    void stop() throws SQLException {
        timelines.forEach(AlertTimeline::deleteChannels);
        clock.useSystemTime();
        UUID[] ids = allSites.stream().map(Api.TestTenant::siteId).toArray(UUID[]::new);
        sql("DELETE FROM results WHERE site_id = ANY(?)", (Object) ids);
        sql("UPDATE agents SET last_seen_at = NULL WHERE site_id = ANY(?)", (Object) ids);
        sql("UPDATE alerts SET state = 'resolved', resolved_at = now() WHERE site_id = ANY(?) AND state = 'firing'", (Object) ids);
        for (String prefix : prefixes) {
            sql("UPDATE incidents SET state = 'resolved', resolved_at = now() WHERE state = 'open' AND target LIKE ?", prefix + "-%");
        }
    }

    @Test
    void theSetBasedPassDecidesExactlyAsThePerRowPass() throws Exception {
        List<List<Row>> script = script(new Random(SEED));
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> setBasedPasses = replay(script, t0, setBased::evaluate);
        List<String> perRowPasses = replay(script, t0, perRow::evaluate);
        for (int pass = 0; pass < PASSES; pass++) {
            assertThat(setBasedPasses.get(pass)).as("pass %d", pass).isEqualTo(perRowPasses.get(pass));
        }
        String all = String.join("\n", setBasedPasses);
        assertThat(all).as("the script exercises every transition")
                .contains("alert.firing", "alert.severity_changed", "alert.resolved", "state=resolved", "kind=agent_offline",
                        "incident=true", "metric=mos", "metric=udp_binding_lifetime_ms", "metric=loss_ratio", "metric=rtt_ms");
    }

    /** Per pass, per site: zero to three results, each (site, target) switching between good and bad spells. */
    private static List<List<Row>> script(Random rnd) {
        boolean[][] bad = new boolean[SITES][2];
        List<List<Row>> passes = new ArrayList<>();
        for (int pass = 0; pass < PASSES; pass++) {
            List<Row> rows = new ArrayList<>();
            for (int site = 0; site < SITES; site++) {
                for (int target = 0; target < 2; target++) {
                    if (rnd.nextDouble() < 0.25) {
                        bad[site][target] = !bad[site][target];
                    }
                    int results = rnd.nextInt(4);
                    long previous = -1;
                    for (int r = 0; r < results; r++) {
                        boolean badNow = bad[site][target] ^ rnd.nextDouble() < 0.15;
                        long offset = pass * 60_000L + rnd.nextInt(50_000);
                        double kind = rnd.nextDouble();
                        if (kind < 0.1 && pass >= 2) {
                            offset = (pass - 2) * 60_000L + rnd.nextInt(50_000); // older than what was evaluated
                        } else if (kind < 0.15 && previous >= 0) {
                            offset = previous; // the same start time again
                        }
                        previous = offset;
                        rows.add(new Row(site, target, metrics(rnd, badNow), offset));
                    }
                }
            }
            passes.add(rows);
        }
        return passes;
    }

    private static Map<String, Object> metrics(Random rnd, boolean bad) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (rnd.nextDouble() < 0.2) {
            // a udp_lifetime run: a real short binding, a capped search that saw no expiry, or a long one
            double pick = rnd.nextDouble();
            m.put("binding_survived_two_way_ms", bad ? 50_000.0 : 200_000.0);
            if (pick < 0.7) {
                m.put("binding_expired_two_way_ms", bad ? 55_000.0 : 205_000.0);
            }
            m.put("binding_survived_one_way_ms", bad && pick < 0.4 ? 90_000.0 : 300_000.0);
            m.put("binding_expired_one_way_ms", 95_000.0);
            return m;
        }
        double[] jitter = bad ? JITTER_BAD : JITTER_GOOD;
        m.put("jitter_up_ms", jitter[rnd.nextInt(jitter.length)]);
        m.put("jitter_down_ms", rnd.nextDouble() < 0.1 ? "NaN" : (Object) (rnd.nextDouble() * 3));
        m.put(rnd.nextBoolean() ? "loss_up_ratio" : "loss_down_ratio", bad ? 0.004 + rnd.nextInt(3) * 0.004 : 0.0);
        m.put("rtt_ms", bad ? 140.0 + rnd.nextInt(4) * 25 : 30.0);
        if (rnd.nextBoolean()) {
            m.put("mos", bad ? 3.5 + rnd.nextInt(3) * 0.2 : 4.3);
        } else {
            m.put("mos_up", bad ? 3.7 : 4.3);
            m.put("mos_down", bad ? 3.9 + rnd.nextInt(2) * 0.2 : 4.4);
        }
        return m;
    }

    /** The script on fresh twin sites from {@code t0}; per pass a text of everything the pass left behind. */
    private List<String> replay(List<List<Row>> script, Instant t0, BooleanSupplier evaluate) throws Exception {
        clock.set(t0);
        AlertTimeline timeline = new AlertTimeline(clock, setBased);
        timelines.add(timeline);
        List<Api.TestTenant> sites = new ArrayList<>();
        for (int i = 0; i < SITES; i++) {
            sites.add(Api.newTenant());
        }
        allSites.addAll(sites);
        String prefix = "eq-" + UUID.randomUUID().toString().substring(0, 8);
        long world = UUID.randomUUID().getLeastSignificantBits();
        prefixes.add(prefix);
        String channel = timeline.channelFor(sites.stream().map(Api.TestTenant::customerId).toArray(UUID[]::new));
        sql("INSERT INTO alert_thresholds (customer_id, site_id, metric, warning, critical, updated_at) VALUES (?, ?, 'jitter_ms', 25, 40, now())",
                sites.get(1).customerId(), sites.get(1).siteId());
        sql("INSERT INTO alert_thresholds (customer_id, site_id, metric, warning, critical, updated_at) VALUES (?, NULL, 'mos', 4.2, 3.8, now())",
                sites.get(2).customerId());
        sql("INSERT INTO silences (id, customer_id, site_id, starts_at, ends_at, comment, created_at) VALUES (?, ?, ?, ?, ?, 'equivalence', now())",
                UUID.randomUUID(), sites.get(3).customerId(), sites.get(3).siteId(), utc(t0.plus(Duration.ofMinutes(12))),
                utc(t0.plus(Duration.ofMinutes(20))));
        List<String> passes = new ArrayList<>();
        for (int pass = 0; pass < PASSES; pass++) {
            for (int i = 0; i < SITES; i++) {
                // site 0's agent falls silent for passes 10-17 (plan interval 1 min: offline after 3), the others report
                if (i != 0 || pass < 10 || pass > 17) {
                    sql("UPDATE agents SET last_seen_at = ? WHERE id = ?", utc(clock.instant()), sites.get(i).agentId());
                }
            }
            for (int r = 0; r < script.get(pass).size(); r++) {
                Row row = script.get(pass).get(r);
                Api.TestTenant site = sites.get(row.site());
                // ids in script order (uuids compare byte by byte), so both worlds break start-time ties alike
                UUID resultId = new UUID(pass * 1_000L + r, world);
                sql("""
                        INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason,
                                             duration_ms, metrics, labels)
                        VALUES (?, ?, ?, ?, ?, 'rtp_burst', ?, 'ok', '', 1000, ?::jsonb, '{"interval": "1m"}')""",
                        resultId, utc(t0.plusMillis(row.startedOffsetMs())), site.customerId(), site.siteId(), site.agentId(),
                        target(prefix, row), mapper.writeValueAsString(row.metrics()));
            }
            assertThat(evaluate.getAsBoolean()).as("pass %d ran", pass).isTrue();
            passes.add(normalise(snapshot(sites, channel), sites, prefix));
            clock.advance(AlertTimeline.STEP);
        }
        return passes;
    }

    private static String target(String prefix, Row row) {
        return row.target() == 0 ? prefix + "-shared.example:5004" : prefix + "-site" + row.site() + ".example:5004";
    }

    private String snapshot(List<Api.TestTenant> sites, String channel) throws SQLException {
        UUID[] ids = sites.stream().map(Api.TestTenant::siteId).toArray(UUID[]::new);
        StringBuilder out = new StringBuilder();
        out.append(rows("""
                SELECT 'kind=' || kind || ' site=' || site_id || ' target=' || coalesce(target, '-') || ' metric=' || coalesce(metric, '-')
                       || ' severity=' || severity || ' state=' || state || ' value=' || coalesce(value::text, '-')
                       || ' threshold=' || coalesce(threshold::text, '-') || ' started=' || started_at || ' resolved=' || coalesce(resolved_at::text, '-')
                       || ' notified=' || coalesce(notified_at::text, '-') || ' last=' || coalesce(last_notified_at::text, '-')
                       || ' incident=' || (incident_id IS NOT NULL) || ' details=' || coalesce(details::text, '-')
                FROM alerts WHERE site_id = ANY(?) ORDER BY 1""", (Object) ids));
        out.append(rows("""
                SELECT 'series site=' || site_id || ' target=' || target || ' metric=' || metric || ' last=' || last_started_at
                       || ' levels=' || recent_levels::text FROM alert_series WHERE site_id = ANY(?) ORDER BY 1""", (Object) ids));
        out.append(rows("SELECT 'interval site=' || site_id || ' ms=' || interval_ms FROM alert_site_intervals WHERE site_id = ANY(?) ORDER BY 1", (Object) ids));
        out.append(rows("""
                SELECT 'message ' || (event ->> 'type') || ' ' || coalesce(event -> 'alert' ->> 'dedupKey', '-') || ' '
                       || coalesce(event -> 'alert' ->> 'severity', '-') || ' ' || coalesce(event -> 'alert' ->> 'value', '-') || ' '
                       || coalesce(event -> 'alert' ->> 'threshold', '-') || ' ' || coalesce(event -> 'alert' ->> 'resolvedAt', '-') || ' '
                       || coalesce(event -> 'incident' ->> 'target', '-')
                FROM notify_outbox WHERE channel_id = ?::uuid AND created_at = ? ORDER BY 1""", channel, utc(clock.instant())));
        return out.toString();
    }

    private static String normalise(String text, List<Api.TestTenant> sites, String prefix) {
        for (int i = 0; i < sites.size(); i++) {
            text = text.replace(sites.get(i).siteId().toString(), "site" + i).replace(sites.get(i).customerId().toString(), "customer" + i);
        }
        // sorted once the ids are gone: the twins' random ids must not decide the order
        return text.replace(prefix, "world").lines().sorted().collect(java.util.stream.Collectors.joining("\n"));
    }

    private String rows(String sql, Object... params) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            bind(c, q, params);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
        }
        return out.toString();
    }

    private void sql(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, params);
            s.executeUpdate();
        }
    }

    private static void bind(Connection c, PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i] instanceof UUID[] ids ? c.createArrayOf("uuid", ids) : params[i]);
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
