package io.callready.collector.dashboard;

import io.callready.collector.dashboard.DashboardPanels.PanelQuery;
import io.callready.collector.dashboard.GrafanaMacros.Variable;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.collector.auth.AuthenticatedAgent;
import io.callready.collector.ingest.SiteLatestWriter;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet panels read site_summary (V218), kept by triggers on site_latest. On a random fleet of 700 sites (bursts
 * of two targets with metrics sometimes missing, checklists failing at every age, sites with no result, results after
 * the range's end) they answer exactly what the V215 panels (test resources dashboard/previous) answer for ranges ending now and
 * earlier: the same counts, and the table's first 500 rows; the counts equal the statuses of the full V215 table.
 * site_summary equals a summary computed here from results, after a refill and after the results arrive in random
 * order through ingest's SiteLatestWriter; a writer of the same site that commits while another waits is not lost.
 */
class FleetGradingIT {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final int TABLE_ROWS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The summary as V218 defines it, computed independently from results (the newest per kind and target). */
    private static final String EXPECTED_SUMMARY = """
            WITH newest AS (
              SELECT DISTINCT ON (site_id, kind, target) site_id, customer_id, kind, started_at, status, metrics
              FROM results ORDER BY site_id, kind, target, started_at DESC, result_id DESC
            ), burst AS (
              SELECT DISTINCT ON (site_id) site_id, started_at, metrics FROM results WHERE kind = 'rtp_burst'
              ORDER BY site_id, started_at DESC, result_id DESC
            )
            SELECT n.site_id::text, min(n.customer_id::text), max(n.started_at), b.started_at,
                   (b.metrics->>'mos')::float8, (b.metrics->>'jitter_up_ms')::float8, (b.metrics->>'jitter_down_ms')::float8,
                   (b.metrics->>'loss_up_ratio')::float8, (b.metrics->>'loss_down_ratio')::float8, (b.metrics->>'rtt_ms')::float8,
                   array_agg(n.started_at ORDER BY n.started_at) FILTER (WHERE n.kind LIKE 'sip%' AND n.status <> 'ok')::text
            FROM newest n LEFT JOIN burst b ON b.site_id = n.site_id
            GROUP BY n.site_id, b.started_at, b.metrics ORDER BY 1""";
    private static final String SUMMARY = """
            SELECT site_id::text, customer_id::text, last_result_at, burst_at, mos, jitter_up_ms, jitter_down_ms,
                   loss_up_ratio, loss_down_ratio, rtt_ms, checklist_failed_at::text
            FROM site_summary ORDER BY 1""";
    /** One slice of the stored results, as ingest hands them to SiteLatestWriter. */
    private static final String SLICE = """
            SELECT result_id, site_id, customer_id, kind, target, started_at, status, metrics::text FROM results
            WHERE abs(hashtext(result_id::text)) % 8 = ? ORDER BY site_id""";

    static SeededDatabase db;
    static Connection c;
    static List<String> customers;

    @BeforeAll
    static void seed() throws Exception {
        db = SeededDatabase.start();
        c = db.owner();
        String now = "TIMESTAMPTZ '" + NOW + "'";
        for (String sql : List.of(
                "SELECT setseed(0.218)",
                "INSERT INTO customers (id, name) SELECT md5('gc' || i)::uuid, 'customer-' || i FROM generate_series(0, 2) AS i",
                "INSERT INTO sites (id, customer_id, name) SELECT md5('gs' || i)::uuid, md5('gc' || (i % 3))::uuid, 'site-' || lpad(i::text, 3, '0') "
                        + "FROM generate_series(0, 699) AS i",
                // every tenth site has no result at all; the others 1-5 bursts over 26 h to two targets, some metrics missing
                """
                INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason, duration_ms, metrics)
                SELECT gen_random_uuid(), %s - random() * INTERVAL '26 hours', s.customer_id, s.id, s.id, 'rtp_burst',
                       CASE WHEN random() < 0.2 THEN 'reflector-b' ELSE 'reflector' END, 'ok', '', 10000,
                       jsonb_strip_nulls(jsonb_build_object(
                           'mos', CASE WHEN random() < 0.9 THEN round((3.0 + 1.6 * random())::numeric, 2) END,
                           'jitter_up_ms', CASE WHEN random() < 0.9 THEN round((40 * random())::numeric, 1) END,
                           'jitter_down_ms', round((40 * random())::numeric, 1),
                           'loss_up_ratio', CASE WHEN random() < 0.9 THEN round((0.02 * random())::numeric, 4) END,
                           'loss_down_ratio', round((0.02 * random())::numeric, 4),
                           'rtt_ms', CASE WHEN random() < 0.9 THEN round((200 * random())::numeric, 1) END))
                -- (s.name < '')::int is 0 but names s, so each site draws its own count
                FROM sites s CROSS JOIN LATERAL generate_series(1, 1 + (4 * random())::int + (s.name < '')::int) AS n
                WHERE right(s.name, 1) <> '9'""".formatted(now),
                // most sites burst within the last 20 minutes, one quality level x per burst: good below 0.4, problematic above 0.8
                """
                INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason, duration_ms, metrics)
                SELECT gen_random_uuid(), %s - random() * INTERVAL '20 minutes', s.customer_id, s.id, s.id, 'rtp_burst', 'reflector', 'ok', '', 10000,
                       jsonb_build_object('mos', 4.4 - q.x, 'jitter_up_ms', 35 * q.x, 'jitter_down_ms', 30 * q.x, 'loss_up_ratio', 0.012 * q.x,
                                          'loss_down_ratio', 0.01 * q.x, 'rtt_ms', 160 * q.x)
                FROM sites s CROSS JOIN LATERAL (SELECT random() ^ 2 + (s.name < '')::int AS x) q
                WHERE right(s.name, 1) NOT IN ('8', '9')""".formatted(now),
                """
                INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason, duration_ms, metrics)
                SELECT gen_random_uuid(), %s - random() * INTERVAL '30 hours', s.customer_id, s.id, s.id, k, 'pbx',
                       CASE WHEN random() < 0.3 THEN 'failed' ELSE 'ok' END, '', 500, '{}'
                FROM sites s CROSS JOIN unnest(ARRAY['sip_alg', 'sip_options']) AS k
                     CROSS JOIN LATERAL generate_series(1, (3 * random())::int + (s.name < '')::int) AS n
                WHERE right(s.name, 1) <> '9'""".formatted(now),
                """
                INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason, duration_ms, metrics)
                SELECT gen_random_uuid(), %s - random() * INTERVAL '2 hours', s.customer_id, s.id, s.id, 'wan_traffic', 'wan', 'ok', '', 1000,
                       '{"up_bps": 1000000}'
                FROM sites s WHERE right(s.name, 1) IN ('3', '4')""".formatted(now),
                """
                INSERT INTO alerts (id, dedup_key, kind, customer_id, site_id, target, metric, severity, state, value, threshold, started_at)
                SELECT gen_random_uuid(), 'grading:' || s.id, 'quality', s.customer_id, s.id, 'reflector', 'jitter_ms', 'warning', 'firing', 25, 20,
                       %s - INTERVAL '10 minutes'
                FROM sites s WHERE random() < 0.05""".formatted(now),
                """
                INSERT INTO qos_assessments (site_id, customer_id, verdict, assessment, computed_at, results_through)
                SELECT s.id, s.customer_id, 'qos_effective', '{}', %s, %s FROM sites s WHERE random() < 0.5""".formatted(now, now),
                "SELECT site_latest_refill()",
                "ANALYZE")) {
            c.createStatement().execute(sql);
        }
        customers = SeededDatabase.query(c, "SELECT id::text FROM customers ORDER BY name").rows().stream()
                .map(r -> (String) r.getFirst()).toList();
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) {
            c.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void panelsAnswerWhatTheSiteLatestPanelsAnswered() throws Exception {
        PanelQuery counts = panel("callready-fleet/1/A");
        PanelQuery table = panel("callready-fleet/2/A");
        String oldCounts = DashboardPanels.resource("/dashboard/previous/fleet-counts.sql");
        String oldTable = DashboardPanels.resource("/dashboard/previous/fleet-table.sql");
        for (Instant end : List.of(NOW, NOW.minus(Duration.ofMinutes(2)), NOW.minus(Duration.ofMinutes(40)), NOW.minus(Duration.ofHours(20)))) {
            for (List<String> chosen : List.of(customers, customers.subList(1, 2))) {
                GrafanaMacros macros = new GrafanaMacros(end.minus(Duration.ofHours(24)), end, Duration.ofMinutes(1),
                        Map.of("customer", Variable.multi(chosen.toArray(String[]::new))));
                List<List<Object>> before = SeededDatabase.query(c, macros.expand(oldTable)).rows();
                List<List<Object>> now = SeededDatabase.query(c, macros.expand(table.rawSql())).rows();
                String label = "ending " + end + " for " + chosen.size() + " customers";
                assertThat(now).as(label).isEqualTo(before.subList(0, Math.min(TABLE_ROWS, before.size())));
                List<Object> count = SeededDatabase.query(c, macros.expand(counts.rawSql())).rows().getFirst();
                assertThat(count).as(label).isEqualTo(SeededDatabase.query(c, macros.expand(oldCounts)).rows().getFirst());
                assertThat(count).as(label).containsExactly(
                        statuses(before, "good"), statuses(before, "acceptable"), statuses(before, "problematic"), statuses(before, "offline"));
            }
        }
        // the seed reaches every status and more sites than the table lists
        List<Object> all = SeededDatabase.query(c, new GrafanaMacros(NOW.minus(Duration.ofHours(24)), NOW, Duration.ofMinutes(1),
                Map.of("customer", Variable.multi(customers.toArray(String[]::new)))).expand(counts.rawSql())).rows().getFirst();
        assertThat(all).allSatisfy(n -> assertThat((Double) n).isPositive());
        assertThat(all.stream().mapToDouble(n -> (Double) n).sum()).isGreaterThan(TABLE_ROWS);
    }

    @Test
    void summaryEqualsTheNewestResultsAfterARefillAndAfterResultsInAnyOrder() throws Exception {
        List<List<Object>> expected = SeededDatabase.query(c, EXPECTED_SUMMARY).rows();
        assertThat(expected).hasSize(630);
        assertThat(SeededDatabase.query(c, SUMMARY).rows()).isEqualTo(expected);
        c.setAutoCommit(false);
        try {
            c.createStatement().execute("TRUNCATE site_latest");
            assertThat(SeededDatabase.query(c, SUMMARY).rows()).isEmpty();
            for (int slice : new int[] {5, 2, 7, 0, 3, 6, 1, 4}) {
                writeThroughTheWriter(slice);
            }
            assertThat(SeededDatabase.query(c, SUMMARY).rows()).isEqualTo(expected);
            // a site's rows deleted: its summary goes, as the panels' results path then answers for it
            c.createStatement().execute("DELETE FROM site_latest WHERE site_id = md5('gs1')::uuid");
            assertThat(SeededDatabase.query(c, SUMMARY).rows()).hasSize(expected.size() - 1);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    @Test
    void aWriterWaitingOnAnotherOfTheSameSiteSeesItsRows() throws Exception {
        String site = "md5('gs9')::uuid";
        String upsert = """
                INSERT INTO site_latest (site_id, kind, target, customer_id, result_id, started_at, status, mos)
                VALUES (%s, '%s', 't', md5('gc0')::uuid, gen_random_uuid(), TIMESTAMPTZ '%s', '%s', %s)""";
        try (Connection a = db.owner(); Connection b = db.owner()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            a.createStatement().execute(upsert.formatted(site, "rtp_burst", NOW.minusSeconds(60), "ok", "4.1"));
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
                try {
                    b.createStatement().execute(upsert.formatted(site, "sip_alg", NOW.minusSeconds(30), "failed", "NULL"));
                    b.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThat(second).as("the second writer waits for the first").isNotDone();
            a.commit();
            second.get(10, TimeUnit.SECONDS);
        }
        try {
            assertThat(SeededDatabase.query(c, "SELECT burst_at, mos, last_result_at, checklist_failed_at::text FROM site_summary WHERE site_id = " + site)
                    .rows()).containsExactly(List.of(NOW.minusSeconds(60), 4.1, NOW.minusSeconds(30), "{\"2026-11-30 11:59:30+00\"}"));
        } finally {
            c.createStatement().execute("DELETE FROM site_latest WHERE site_id = " + site);
        }
    }

    /** The slice's results per site through ingest's own SiteLatestWriter, one batch per site, in this transaction. */
    private static void writeThroughTheWriter(int slice) throws Exception {
        Map<UUID, List<ProbeResult>> bySite = new LinkedHashMap<>();
        Map<UUID, UUID> customerOf = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement(SLICE)) {
            q.setInt(1, slice);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    UUID site = rs.getObject(2, UUID.class);
                    customerOf.put(site, rs.getObject(3, UUID.class));
                    Map<String, Double> metrics = JSON.readValue(rs.getString(8), new TypeReference<>() { });
                    bySite.computeIfAbsent(site, s -> new ArrayList<>()).add(new ProbeResult(rs.getObject(1, UUID.class), site.toString(),
                            ProbeKind.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)), rs.getString(5),
                            rs.getObject(6, OffsetDateTime.class).toInstant(), 1000, ResultStatus.valueOf(rs.getString(7).toUpperCase(Locale.ROOT)),
                            "", metrics, Map.of(), null));
                }
            }
        }
        SiteLatestWriter writer = new SiteLatestWriter();
        for (Map.Entry<UUID, List<ProbeResult>> site : bySite.entrySet()) {
            writer.record(c, new AuthenticatedAgent(site.getKey(), site.getKey(), customerOf.get(site.getKey())), site.getValue());
        }
    }

    private static double statuses(List<List<Object>> table, String status) {
        return table.stream().filter(r -> r.get(4).equals(status)).count();
    }

    private static PanelQuery panel(String key) throws Exception {
        return DashboardPanels.load(DashboardPanels.dashboardDir()).stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow();
    }
}
