package io.callready.collector.dashboard;

import io.callready.collector.dashboard.DashboardPanels.PanelQuery;
import io.callready.collector.dashboard.GrafanaMacros.Variable;
import io.callready.collector.dashboard.SeededDatabase.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer heat map and share of bursts read results_3h (V219) for the whole 3-hour buckets of a range and
 * results_1h for the hours at its edges: on random bursts of six sites over twelve days (two targets, values around
 * every threshold, some without MOS, another customer's site beside them), both give what they gave from results_1h
 * alone (their SQL before, test resources {@code dashboard/previous}) for ranges of 25 hours to 10 days that start
 * and end on and off the hour and off the 3-hour grid, with Grafana's cell and with cells of 1, 2, 3 and 6 hours;
 * numbers equal within a relative 1e-9.
 */
class CustomerThreeHourTierIT {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final String CUSTOMER = "cccccccc-0000-0000-0000-000000000001";

    static SeededDatabase db;
    static Connection c;
    static List<PanelQuery> queries;

    @BeforeAll
    static void seed() throws Exception {
        db = SeededDatabase.start();
        c = db.owner();
        c.createStatement().execute("""
                SELECT setseed(0.15);
                INSERT INTO customers (id, name) VALUES ('cccccccc-0000-0000-0000-000000000001', 'Cee'), ('dddddddd-0000-0000-0000-000000000001', 'Dee');
                INSERT INTO sites (id, customer_id, name)
                SELECT ('cccccccc-0000-0000-0000-00000000000' || i)::uuid, 'cccccccc-0000-0000-0000-000000000001'::uuid, 'cee-' || i FROM generate_series(1, 6) i
                UNION ALL SELECT 'dddddddd-0000-0000-0000-000000000009'::uuid, 'dddddddd-0000-0000-0000-000000000001'::uuid, 'dee-9';
                INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason, duration_ms, metrics)
                SELECT gen_random_uuid(), t + make_interval(secs => floor(random() * 1200)), s.customer_id, s.id, s.id, 'rtp_burst', g, 'ok', '', 1000,
                       jsonb_strip_nulls(jsonb_build_object(
                           'mos', CASE WHEN random() < 0.1 THEN NULL ELSE round((3.3 + random())::numeric, 2) END,
                           'rtt_ms', round((60 + 120 * random())::numeric, 1),
                           'jitter_up_ms', round((40 * random())::numeric, 1), 'jitter_down_ms', round((30 * random())::numeric, 1),
                           'loss_up_ratio', round((0.015 * random())::numeric, 4), 'loss_down_ratio', round((0.012 * random())::numeric, 4)))
                FROM sites s
                CROSS JOIN generate_series(TIMESTAMPTZ '2026-11-18T12:00:00Z', TIMESTAMPTZ '2026-11-30T11:40:00Z', INTERVAL '20 minutes') t
                CROSS JOIN unnest(ARRAY['reflector', 'sbc']) g
                WHERE random() < 0.8""");
        Rollups.fill(c);
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

    @Test
    void heatMapAndShareOfBurstsAnswerAsFromTheHourlyTier() throws Exception {
        assertThat(SeededDatabase.query(c, "SELECT count(*) FROM results_3h").rows().getFirst().getFirst()).isNotEqualTo(0.0);
        List<String> differences = differences();
        assertThat(differences).isEmpty();
    }

    @Test
    void thePanelsReadTheThreeHourTier() throws Exception {
        c.setAutoCommit(false);
        try {
            c.createStatement().execute("UPDATE results_3h SET mos_avg = mos_avg + 0.5, mos_good = mos_good + 1");
            assertThat(differences()).anyMatch(d -> d.startsWith("callready-customer/1/A")).anyMatch(d -> d.startsWith("callready-customer/2/A"));
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /** Each panel, range and cell whose answer differs from the hourly-only SQL, and how. */
    private static List<String> differences() throws Exception {
        List<String> out = new ArrayList<>();
        int compared = 0;
        Map<String, Variable> vars = Map.of("customer", Variable.single(CUSTOMER));
        for (String[] panel : new String[][]{{"callready-customer/1/A", "/dashboard/previous/customer-heatmap.sql"},
                {"callready-customer/2/A", "/dashboard/previous/customer-share.sql"}}) {
            PanelQuery q = queries.stream().filter(p -> p.key().equals(panel[0])).findFirst().orElseThrow();
            String before = DashboardPanels.resource(panel[1]);
            for (Duration endBack : List.of(Duration.ZERO, Duration.ofMinutes(17), Duration.ofHours(1), Duration.ofMinutes(125))) {
                for (Duration length : List.of(Duration.ofHours(25), Duration.ofHours(50).plusMinutes(40), Duration.ofDays(4),
                        Duration.ofDays(7).plusHours(3).plusMinutes(40), Duration.ofDays(10).plusHours(1))) {
                    Instant to = NOW.minus(endBack);
                    Instant from = to.minus(length);
                    List<Duration> cells = new ArrayList<>(List.of(q.interval(length, Duration.ofHours(1))));
                    if (panel[0].endsWith("1/A")) {
                        cells.addAll(List.of(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(6)));
                    }
                    for (Duration cell : cells) {
                        GrafanaMacros macros = new GrafanaMacros(from, to, cell, vars);
                        Table expected = SeededDatabase.query(c, macros.expand(before));
                        Table actual = SeededDatabase.query(c, macros.expand(q.rawSql()));
                        assertThat(expected.rows()).as("%s from %s to %s", panel[0], from, to).isNotEmpty();
                        compared++;
                        String difference = TimescaleDashboardParityIT.difference(expected, actual, true);
                        if (difference != null) {
                            out.add(panel[0] + " from " + from + " to " + to + " cell " + cell + ": " + difference);
                        }
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(4 * 5 * 5 + 4 * 5);
        return out;
    }
}
