package io.callready.collector.dashboard;

import io.callready.collector.dashboard.DashboardPanels.PanelQuery;
import io.callready.collector.dashboard.GrafanaMacros.Variable;
import io.callready.collector.dashboard.SeededDatabase.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every dashboard query, its macros and variables expanded as Grafana would, against a migrated PostgreSQL holding the
 * known seed {@code dashboard/seed.sql} (rollups filled by the RollupJob rules): the columns its panel shows, for a
 * 1 h (raw results), 24 h (results_5m) and 30 d (results_1h) range, and the exact rows the seed gives.
 */
class DashboardSqlIT {
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final String ACME = "aaaaaaaa-0000-0000-0000-000000000001";
    static final String BETA = "bbbbbbbb-0000-0000-0000-000000000001";
    static final String ACME_HQ = "aaaaaaaa-0000-0000-0000-0000000000a1";

    enum Range {
        HOUR(Duration.ofHours(1), Duration.ofMinutes(1)),
        DAY(Duration.ofHours(24), Duration.ofMinutes(5)),
        MONTH(Duration.ofDays(30), Duration.ofHours(1));

        final Duration length;
        final Duration interval;

        Range(Duration length, Duration interval) {
            this.length = length;
            this.interval = interval;
        }
    }

    private static final List<String> HOURS = IntStream.range(0, 24).mapToObj(h -> "%02d".formatted(h)).toList();
    private static final List<String> VARIABLE = List.of("__value", "__text");
    static final Map<String, List<String>> COLUMNS = Map.ofEntries(
            Map.entry("callready-fleet/var/customer", VARIABLE),
            Map.entry("callready-fleet/1/A", List.of("good", "acceptable", "problematic", "offline")),
            Map.entry("callready-fleet/2/A", List.of("customer_id", "site_id", "customer", "site", "status", "mos", "jitter_up_ms",
                    "jitter_down_ms", "loss_up_ratio", "loss_down_ratio", "rtt_ms", "firing_alerts", "last_result_age_s",
                    "checklist_failures", "busy_hour_verdict")),
            Map.entry("callready-customer/var/customer", VARIABLE),
            Map.entry("callready-customer/1/A", List.of("time", "metric", "mos")),
            Map.entry("callready-customer/2/A", List.of("metric", "good", "acceptable", "problematic", "bursts")),
            Map.entry("callready-customer/3/A", List.of("time", "customer", "site", "kind", "metric", "target", "severity", "state",
                    "value", "threshold", "resolved_at")),
            Map.entry("callready-customer/4/A", List.of("time", "target", "state", "resolved_at", "alerts", "sites")),
            Map.entry("callready-site/var/customer", VARIABLE),
            Map.entry("callready-site/var/site", VARIABLE),
            Map.entry("callready-site/1/A", List.of("time", "MOS", "MOS up", "MOS down")),
            Map.entry("callready-site/2/A", List.of("time", "RTT", "RTT max")),
            Map.entry("callready-site/3/A", List.of("time", "up", "down", "worse direction")),
            Map.entry("callready-site/4/A", List.of("time", "up", "down", "worse direction")),
            Map.entry("callready-site/5/A", List.of("time", "upstream", "downstream")),
            Map.entry("callready-site/5/B", List.of("time", "jitter (worse direction)")),
            Map.entry("callready-site/6/A", concat(List.of("day"), HOURS)),
            Map.entry("callready-site/7/A", List.of("time", "kind", "target", "status", "reason", "fix")),
            Map.entry("callready-site/8/A", List.of("time", "verdict", "confidence", "evidence", "notes", "priority_kbps",
                    "shaper_up_kbps", "shaper_down_kbps")),
            Map.entry("callready-site/9/A", List.of("time", "kind", "target", "status", "reason", "mos", "rtt_ms", "jitter_up_ms",
                    "jitter_down_ms", "loss_up_ratio", "loss_down_ratio")),
            Map.entry("callready-alerts/var/customer", VARIABLE),
            Map.entry("callready-alerts/1/A", List.of("time", "customer", "site", "kind", "metric", "target", "severity", "value",
                    "threshold", "firing_for_s")),
            Map.entry("callready-alerts/2/A", List.of("time", "target", "state", "resolved_at", "alerts", "sites")),
            Map.entry("callready-alerts/3/A", List.of("pending", "retrying", "failed", "delivered")),
            Map.entry("callready-alerts/4/A", List.of("time", "delivered", "pending", "failed")),
            Map.entry("callready-alerts/5/A", List.of("time", "channel", "channel_kind", "status", "attempts", "last_status_code",
                    "last_error", "message_id")));

    static SeededDatabase db;
    static Connection c;
    static List<PanelQuery> queries;

    @BeforeAll
    static void seed() throws Exception {
        db = SeededDatabase.start();
        c = db.owner();
        try (var seed = DashboardSqlIT.class.getResourceAsStream("/dashboard/seed.sql")) {
            c.createStatement().execute(new String(Objects.requireNonNull(seed).readAllBytes(), StandardCharsets.UTF_8));
        }
        Rollups.fill(c);
        c.createStatement().execute("SELECT site_latest_refill()");
        queries = DashboardPanels.load(DashboardPanels.dashboardDir());
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

    /** The variables as a user would pick them: All customers where a dashboard offers All, else Acme and acme-hq. */
    static Map<String, Variable> variables(String dashboardUid) {
        return switch (dashboardUid) {
            case "callready-fleet", "callready-alerts" -> Map.of("customer", Variable.multi(ACME, BETA));
            default -> Map.of("customer", Variable.single(ACME), "site", Variable.single(ACME_HQ));
        };
    }

    static String expand(PanelQuery q, Range range) {
        String uid = q.key().substring(0, q.key().indexOf('/'));
        return new GrafanaMacros(NOW.minus(range.length), NOW, q.interval(range.length, range.interval), variables(uid)).expand(q.rawSql());
    }

    Table run(String key, Range range) throws Exception {
        PanelQuery q = queries.stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow(() -> new AssertionError("no query " + key));
        return SeededDatabase.query(c, expand(q, range));
    }

    @Test
    void everyQueryRunsInEveryRangeWithTheColumnsItsPanelShows() throws Exception {
        assertThat(queries.stream().map(PanelQuery::key)).containsExactlyInAnyOrderElementsOf(COLUMNS.keySet());
        for (PanelQuery q : queries) {
            for (Range range : Range.values()) {
                assertThat(SeededDatabase.query(c, expand(q, range)).columns()).as(q.key() + " over " + range).isEqualTo(COLUMNS.get(q.key()));
            }
        }
    }

    @Test
    void fleetCountsAndWorstFirstTable() throws Exception {
        assertThat(run("callready-fleet/1/A", Range.HOUR).rows()).containsExactly(row(1, 1, 1, 1));
        assertThat(run("callready-fleet/2/A", Range.DAY).rows()).containsExactly(
                row(BETA, "bbbbbbbb-0000-0000-0000-0000000000b1", "Beta", "beta-main", "problematic", 3.2, 8, 9, 0.02, 0, 90, 1, 180, 0, null),
                row(ACME, "aaaaaaaa-0000-0000-0000-0000000000a3", "Acme", "acme-lab", "offline", 4.4, 1, 1, 0, 0, 20, 0, 1800, 0, null),
                row(ACME, "aaaaaaaa-0000-0000-0000-0000000000a2", "Acme", "acme-branch", "acceptable", 3.8, 25, 10, 0.002, 0, 120, 1, 60, 0, null),
                row(ACME, ACME_HQ, "Acme", "acme-hq", "good", 4.3, 5, 7, 0, 0.001, 40, 0, 120, 1, "qos_effective"));
        PanelQuery counts = queries.stream().filter(p -> p.key().equals("callready-fleet/1/A")).findFirst().orElseThrow();
        String acmeOnly = new GrafanaMacros(NOW.minus(Duration.ofHours(1)), NOW, Duration.ofMinutes(1),
                Map.of("customer", Variable.multi(ACME))).expand(counts.rawSql());
        assertThat(SeededDatabase.query(c, acmeOnly).rows()).containsExactly(row(1, 1, 0, 1));
    }

    /**
     * The fleet panels read site_latest for a site whose newest rows are not after the range's end, and probe results
     * for any other site (a range ending in the past, a site site_latest does not know): both give the same rows.
     */
    @Test
    void fleetPanelsGiveTheSameRowsFromSiteLatestAndFromResults() throws Exception {
        for (Instant end : List.of(NOW, t("11:58"), t("11:20"), Instant.parse("2026-11-29T12:00:00Z"))) {
            for (String key : List.of("callready-fleet/1/A", "callready-fleet/2/A")) {
                PanelQuery q = queries.stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow();
                String sql = new GrafanaMacros(end.minus(Duration.ofHours(24)), end, Duration.ofMinutes(5), variables("callready-fleet"))
                        .expand(q.rawSql());
                List<List<Object>> fromLatest = SeededDatabase.query(c, sql).rows();
                c.setAutoCommit(false);
                try {
                    c.createStatement().execute("DELETE FROM site_latest");
                    assertThat(SeededDatabase.query(c, sql).rows()).as(key + " ending " + end).isEqualTo(fromLatest);
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        }
        // a range ending 11:20: acme-hq's newest burst (11:58) is after it, so its row comes from results: the 11:00 checklist failure
        assertThat(SeededDatabase.query(c, new GrafanaMacros(t("10:20"), t("11:20"), Duration.ofMinutes(1), variables("callready-fleet"))
                .expand(queries.stream().filter(p -> p.key().equals("callready-fleet/2/A")).findFirst().orElseThrow().rawSql())).rows())
                .filteredOn(r -> r.get(1).equals(ACME_HQ)).singleElement()
                .satisfies(r -> assertThat(r.subList(4, 6)).containsExactly("offline", null))
                .satisfies(r -> assertThat(r.get(13)).isEqualTo(1.0));
    }

    @Test
    void customerShareOfBurstsIsTheSameFromRawAndFiveMinuteRollupsAndHourlyBeyond() throws Exception {
        List<List<Object>> perBurst = List.of(
                row("jitter_ms", 0.75, 0.25, 0, 4), row("loss_ratio", 1, 0, 0, 4), row("mos", 0.5, 0.25, 0.25, 4), row("rtt_ms", 0.75, 0.25, 0, 4));
        assertThat(run("callready-customer/2/A", Range.HOUR).rows()).isEqualTo(perBurst);
        assertThat(run("callready-customer/2/A", Range.DAY).rows()).isEqualTo(perBurst);
        // hourly: acme-hq's two bursts of 11:00 become one mean (MOS 3.65) weighing 2; the 27th's burst joins
        assertThat(run("callready-customer/2/A", Range.MONTH).rows()).containsExactly(
                row("jitter_ms", 4.0 / 5, 1.0 / 5, 0, 5), row("loss_ratio", 1, 0, 0, 5), row("mos", 2.0 / 5, 3.0 / 5, 0, 5), row("rtt_ms", 4.0 / 5, 1.0 / 5, 0, 5));
        assertThat(run("callready-customer/1/A", Range.DAY).rows()).containsExactly(
                row(e("11:00"), "acme-branch", 3.8), row(e("11:00"), "acme-hq", 3.65), row(e("11:00"), "acme-lab", 4.4));
        // over 30 days a cell spans 3 h (Grafana's interval for 200 points): 09:00–12:00 holds the same bursts
        assertThat(run("callready-customer/1/A", Range.MONTH).rows()).containsExactly(
                row((double) Instant.parse("2026-11-27T12:00:00Z").getEpochSecond(), "acme-hq", 4.0),
                row(e("09:00"), "acme-branch", 3.8), row(e("09:00"), "acme-hq", 3.65), row(e("09:00"), "acme-lab", 4.4));
    }

    @Test
    void customerAlertsAndIncidentsOfTheWindow() throws Exception {
        List<Object> jitter = row(t("11:40"), "Acme", "acme-branch", "quality", "jitter_ms", "reflector", "warning", "firing", 25, 20, null);
        assertThat(run("callready-customer/3/A", Range.DAY).rows()).containsExactly(jitter);
        assertThat(run("callready-customer/3/A", Range.MONTH).rows()).containsExactly(jitter,
                row(Instant.parse("2026-11-29T11:00:00Z"), "Acme", "acme-hq", "quality", "mos", "reflector", "warning", "resolved", 3.5, 4.0,
                        Instant.parse("2026-11-29T11:30:00Z")));
        assertThat(run("callready-customer/4/A", Range.DAY).rows()).containsExactly(row(t("11:40"), "reflector", "open", null, 1, 1));
    }

    @Test
    void siteSeriesPickRawThenFiveMinuteThenHourlyRollups() throws Exception {
        assertThat(run("callready-site/1/A", Range.HOUR).rows()).containsExactly(
                row(e("11:53"), 3.0, 3.1, 3.0), row(e("11:58"), 4.3, 4.4, 4.3));
        assertThat(run("callready-site/1/A", Range.DAY).rows()).containsExactly(
                row(e("11:50"), 3.0, null, null), row(e("11:55"), 4.3, null, null));
        assertThat(run("callready-site/1/A", Range.MONTH).rows()).containsExactly(
                row((double) Instant.parse("2026-11-27T12:00:00Z").getEpochSecond(), 4.0, null, null), row(e("11:00"), 3.65, null, null));
        assertThat(run("callready-site/3/A", Range.HOUR).rows()).containsExactly(row(e("11:53"), 10, 12, null), row(e("11:58"), 5, 7, null));
        assertThat(run("callready-site/3/A", Range.DAY).rows()).containsExactly(row(e("11:50"), null, null, 12), row(e("11:55"), null, null, 7));
        assertThat(run("callready-site/5/B", Range.MONTH).rows()).containsExactly(
                row((double) Instant.parse("2026-11-27T12:00:00Z").getEpochSecond(), 2), row(e("11:00"), 9.5));
        assertThat(run("callready-site/5/A", Range.HOUR).rows()).isEmpty();
        assertThat(run("callready-site/5/A", Range.DAY).rows()).containsExactly(row(e("09:10"), 1e6, 4e6), row(e("09:40"), 3e6, 2e6));
        assertThat(run("callready-site/5/A", Range.MONTH).rows()).containsExactly(row(e("09:00"), 2e6, 3e6));
    }

    @Test
    void siteBusyHoursChecklistAdviceAndLatest() throws Exception {
        // 09:00 UTC on Monday 30 November is 10:00 in Berlin; worse direction of the hour's means: max(20, 30) %
        List<Object> monday = new ArrayList<>(List.of("Mon"));
        HOURS.forEach(h -> monday.add(h.equals("10") ? 30.0 : null));
        assertThat(run("callready-site/6/A", Range.MONTH).rows()).containsExactly(monday);
        assertThat(run("callready-site/7/A", Range.HOUR).rows()).containsExactly(
                row(t("11:00"), "sip_alg", "pbx", "failed", "ALG rewrote Via", "Disable SIP ALG: no inspect sip"),
                row(t("11:50"), "sip_options", "pbx", "ok", "", null));
        assertThat(run("callready-site/8/A", Range.HOUR).rows()).containsExactly(row(t("11:55"), "qos_effective", "high",
                "Load reached 95 % of the line rate. Jitter stayed below 20 ms.", null, 348.5, 9000, 45000));
        List<Object> burst = row(t("11:58"), "rtp_burst", "reflector", "ok", "", 4.3, 40, 5, 7, 0, 0.001);
        assertThat(run("callready-site/9/A", Range.HOUR).rows()).containsExactly(burst);
        assertThat(run("callready-site/9/A", Range.MONTH).rows()).containsExactly(burst,
                row(t("09:40"), "wan_traffic", "wan", "ok", "", null, null, null, null, null, null));
    }

    @Test
    void alertsAndDelivery() throws Exception {
        assertThat(run("callready-alerts/1/A", Range.HOUR).rows()).containsExactly(
                row(t("11:50"), "Beta", "beta-main", "quality", "loss_ratio", "reflector", "critical", 0.02, 0.01, 600),
                row(t("11:40"), "Acme", "acme-branch", "quality", "jitter_ms", "reflector", "warning", 25, 20, 1200));
        assertThat(run("callready-alerts/2/A", Range.HOUR).rows()).containsExactly(row(t("11:40"), "reflector", "open", null, 2, 2));
        assertThat(run("callready-alerts/3/A", Range.HOUR).rows()).containsExactly(row(2, 1, 1, 1));
        assertThat(run("callready-alerts/4/A", Range.HOUR).rows()).containsExactly(
                row(e("11:10"), 0, 0, 1), row(e("11:19"), 1, 0, 0), row(e("11:40"), 0, 1, 0), row(e("11:59"), 0, 1, 0));
        assertThat(run("callready-alerts/5/A", Range.HOUR).rows()).containsExactly(
                row(t("11:58"), "noc-webhook", "webhook", "pending", 2, 503, "HTTP 503", "m2"),
                row(t("11:30"), "noc-webhook", "webhook", "failed", 5, null, "connection refused", "m3"));
    }

    /** A time on the seed's day. */
    static Instant t(String hhmm) {
        return Instant.parse("2026-11-30T" + hhmm + ":00Z");
    }

    /** $__timeGroupAlias's "time": epoch seconds. */
    static double e(String hhmm) {
        return t(hhmm).getEpochSecond();
    }

    static List<Object> row(Object... cells) {
        return Arrays.stream(cells).map(v -> v instanceof Number n ? (Object) n.doubleValue() : v).collect(ArrayList::new, ArrayList::add, ArrayList::addAll);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
