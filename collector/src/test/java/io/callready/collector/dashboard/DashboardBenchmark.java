package io.callready.collector.dashboard;

import io.callready.collector.dashboard.DashboardPanels.PanelQuery;
import io.callready.collector.dashboard.GrafanaMacros.Variable;

import io.callready.collector.qos.TrafficReadSql;
import io.callready.collector.result.ResultReadSql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Not a test: {@code ./callready bench dashboards [SITES] [DAYS] [RUNS]} seeds the collector's durable embedded
 * PostgreSQL 16 with SITES sites (100 per customer) over DAYS days, runs every dashboard query with Grafana's macros
 * expanded for 24 h, 7 d and 30 d, and the read API's statements for results and traffic, RUNS times each after one
 * warm-up, and prints p50/p95 per query and range; a fourth argument, a regular expression over "key range" (for
 * example {@code "customer/1/A 30d"}, or {@code "customer/1/A before 30d"} for the SQL it is timed against), prints the
 * plans of the panel queries it matches (EXPLAIN ANALYZE, BUFFERS).
 * Seed per site, by what the queries read: raw RTP bursts every 5 minutes and WAN traffic every 15 minutes over the
 * last {@value #RAW_HOURS} h (panels read raw results up to 6 h), two checklist probes hourly over 24 h (the
 * "latest" look-backs), results_5m over 24 h (customer panels read it up to 24 h) and over 7 days for the first
 * customer's sites (the site panels' 7-day range, measured on one of them), results_1h over all DAYS and results_3h
 * from it (V219's rule); site_latest
 * from the raw results; 1 % of sites with a firing alert; a QoS assessment. The panels issue 15 changed are then timed
 * side by side (A B A B) with their SQL from before the change (test resources {@code dashboard/previous}).
 */
public final class DashboardBenchmark {
    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    private static final int RAW_HOURS = 6;
    private static final long T0 = System.nanoTime();
    private static final Duration[][] RANGES = {{Duration.ofHours(24), Duration.ofMinutes(1)},
            {Duration.ofDays(7), Duration.ofMinutes(10)}, {Duration.ofDays(30), Duration.ofHours(1)}};

    private interface Bound {
        PreparedStatement prepare(Connection c, Instant from, Instant to) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int sites = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        java.util.regex.Pattern explain = java.util.regex.Pattern.compile(args.length > 3 ? args[3] : "^$");
        try (SeededDatabase db = SeededDatabase.startDurable()) {
            seed(db, sites, days);
            try (Connection c = db.owner()) {
                System.out.printf("seeded %,d sites x %d days in %.0f s: %s%n", sites, days, (System.nanoTime() - T0) / 1e9, sizes(c));
                List<String> customers = column(c, "SELECT id::text FROM customers ORDER BY name");
                String customer = customers.getFirst();
                String site = column(c, "SELECT id::text FROM sites WHERE customer_id::text = '" + customer + "' ORDER BY name LIMIT 1").getFirst();
                System.out.printf("%-32s %-45s %5s %9s %9s%n", "query", "title", "range", "p50 ms", "p95 ms");
                for (PanelQuery q : DashboardPanels.load(DashboardPanels.dashboardDir())) {
                    String uid = q.key().substring(0, q.key().indexOf('/'));
                    Map<String, Variable> vars = uid.equals("callready-fleet") || uid.equals("callready-alerts")
                            ? Map.of("customer", new Variable(customers, true))
                            : Map.of("customer", Variable.single(customer), "site", Variable.single(site));
                    for (Duration[] range : RANGES) {
                        String sql = new GrafanaMacros(NOW.minus(range[0]), NOW, q.interval(range[0], range[1]), vars).expand(q.rawSql());
                        print(q.key(), q.title(), range[0], time(c, (conn, from, to) -> conn.prepareStatement(sql), range[0], runs));
                        if (explain.matcher(q.key() + " " + label(range[0])).find()) {
                            column(c, "EXPLAIN (ANALYZE, BUFFERS) " + sql).forEach(System.out::println);
                        }
                    }
                }
                for (PreviousQuery p : PREVIOUS) {
                    Map<String, Variable> vars = p.key().startsWith("callready-fleet")
                            ? Map.of("customer", new Variable(customers, true)) : Map.of("customer", Variable.single(customer));
                    PanelQuery current = DashboardPanels.load(DashboardPanels.dashboardDir()).stream()
                            .filter(q -> q.key().equals(p.key())).findFirst().orElseThrow();
                    for (Duration[] range : RANGES) {
                        GrafanaMacros macros = new GrafanaMacros(NOW.minus(range[0]), NOW, current.interval(range[0], range[1]), vars);
                        String before = macros.expand(resource(p.resource()));
                        double[][] ms = sideBySide(c, before, macros.expand(current.rawSql()), runs);
                        print(p.key() + " before", current.title(), range[0], ms[0]);
                        print(p.key() + " now", current.title(), range[0], ms[1]);
                        if (explain.matcher(p.key() + " before " + label(range[0])).find()) {
                            column(c, "EXPLAIN (ANALYZE, BUFFERS) " + before).forEach(System.out::println);
                        }
                    }
                }
                UUID siteId = UUID.fromString(site);
                print("api/results/latest", "GET /sites/{id}/results/latest", Duration.ofHours(24),
                        time(c, (conn, from, to) -> ResultReadSql.latest(conn, siteId), Duration.ofHours(24), runs));
                print("api/results", "GET /sites/{id}/results (default 1 h)", Duration.ofHours(1),
                        time(c, (conn, from, to) -> ResultReadSql.window(conn, siteId, from, to), Duration.ofHours(1), runs));
                for (Duration[] range : RANGES) {
                    print("api/traffic", "GET /sites/{id}/traffic", range[0],
                            time(c, (conn, from, to) -> TrafficReadSql.traffic(conn, siteId, from, to), range[0], runs));
                }
            }
        }
    }

    /** The panels issue 15 changed, with their SQL before the change (test resources), timed side by side with today's. */
    private record PreviousQuery(String key, String resource) {
    }

    private static final List<PreviousQuery> PREVIOUS = List.of(
            new PreviousQuery("callready-fleet/1/A", "/dashboard/previous/fleet-counts.sql"),
            new PreviousQuery("callready-fleet/2/A", "/dashboard/previous/fleet-table.sql"),
            new PreviousQuery("callready-customer/1/A", "/dashboard/previous/customer-heatmap.sql"),
            new PreviousQuery("callready-customer/2/A", "/dashboard/previous/customer-share.sql"));

    /** Runs two statements alternately (A B A B), after a warm-up of each, so both see the same machine. */
    private static double[][] sideBySide(Connection c, String before, String now, int runs) throws Exception {
        double[][] ms = new double[2][runs];
        try (PreparedStatement a = c.prepareStatement(before); PreparedStatement b = c.prepareStatement(now)) {
            drain(a);
            drain(b);
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                drain(a);
                ms[0][i] = (System.nanoTime() - start) / 1e6;
                start = System.nanoTime();
                drain(b);
                ms[1][i] = (System.nanoTime() - start) / 1e6;
            }
        }
        return ms;
    }

    private static String resource(String name) throws Exception {
        try (var in = DashboardBenchmark.class.getResourceAsStream(name)) {
            return new String(java.util.Objects.requireNonNull(in, name).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static void print(String key, String title, Duration range, double[] ms) {
        System.out.printf("%-32s %-45.45s %5s %9.1f %9.1f%n", key, title, label(range), percentile(ms, 0.50), percentile(ms, 0.95));
    }

    private static String label(Duration d) {
        return d.toHours() < 48 ? d.toHours() + "h" : d.toDays() + "d";
    }

    private static double[] time(Connection c, Bound query, Duration range, int runs) throws Exception {
        double[] ms = new double[runs];
        try (PreparedStatement p = query.prepare(c, NOW.minus(range), NOW)) {
            drain(p);
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                drain(p);
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        return ms;
    }

    private static void drain(PreparedStatement p) throws Exception {
        try (ResultSet rs = p.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    rs.getObject(i);
                }
            }
        }
    }

    /** Nearest-rank percentile. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static List<String> column(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String sizes(Connection c) throws Exception {
        List<String> parts = new ArrayList<>();
        for (String t : List.of("results", "results_5m", "results_1h", "results_3h", "site_latest")) {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT count(*), pg_size_pretty(pg_total_relation_size('" + t + "')) FROM " + t)) {
                rs.next();
                parts.add("%s %,d rows (%s)".formatted(t, rs.getLong(1), rs.getString(2)));
            }
        }
        return String.join(", ", parts);
    }

    /**
     * Seeds on two connections at once (raw results and 5-minute rollups on one, hourly and 3-hour rollups on the other), with
     * the secondary indexes dropped during the load and rebuilt from their own definitions after it, then vacuums.
     */
    private static void seed(SeededDatabase db, int sites, int days) throws Exception {
        String now = "TIMESTAMPTZ '" + NOW + "'";
        String rawFrom = now + " - INTERVAL '" + RAW_HOURS + " hours'";
        String dayFrom = now + " - INTERVAL '24 hours'";
        String weekFrom = now + " - INTERVAL '" + Math.min(days, 7) + " days'";
        String hourFrom = now + " - INTERVAL '" + days + " days'";
        String firstCustomer = "(SELECT id FROM customers ORDER BY name LIMIT 1)";
        String rollupColumns = """
                (bucket, customer_id, site_id, target, kind, result_count, ok_count, failed_count, mos_avg, mos_min, mos_max,
                 rtt_ms_avg, rtt_ms_min, rtt_ms_max, jitter_ms_avg, jitter_ms_max, loss_ratio_avg, loss_ratio_max)""";
        String rollupValues = """
                SELECT b, s.customer_id, s.id, 'reflector', 'rtp_burst', %d, %d, 0, 3.6 + random(), 3.5, 4.4,
                       20 + 100 * random(), 15, 160, 25 * random(), 30, 0.01 * random(), 0.02
                FROM sites s CROSS JOIN generate_series(%s, %s, INTERVAL '%s') AS b %s""";
        String trafficColumns = "(bucket, customer_id, site_id, target, kind, result_count, ok_count, failed_count, up_bps_avg, up_bps_max, "
                + "down_bps_avg, down_bps_max, up_utilisation_pct_avg, up_utilisation_pct_max, down_utilisation_pct_avg, down_utilisation_pct_max)";
        String trafficValues = """
                SELECT b, s.customer_id, s.id, 'wan', 'wan_traffic', %d, %d, 0, 1e7 * random(), 2e7, 4e7 * random(), 9e7,
                       50 * random(), 90, 50 * random(), 95
                FROM sites s CROSS JOIN generate_series(%s, %s, INTERVAL '%s') AS b %s""";
        String olderWeek = "WHERE s.customer_id = " + firstCustomer;
        String beforeDay = dayFrom + " - INTERVAL '5 minutes'";
        List<String> tenants = List.of(
                "INSERT INTO customers (id, name) SELECT md5('c' || i)::uuid, 'customer-' || lpad(i::text, 5, '0') FROM generate_series(0, "
                        + ((sites - 1) / 100) + ") AS i",
                "INSERT INTO sites (id, customer_id, name) SELECT md5('s' || i)::uuid, md5('c' || (i / 100))::uuid, 'site-' || lpad(i::text, 6, '0') "
                        + "FROM generate_series(0, " + (sites - 1) + ") AS i");
        List<String> rawAndFiveMinutes = List.of(
                """
                INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason, duration_ms, metrics)
                SELECT gen_random_uuid(), t, s.customer_id, s.id, s.id, 'rtp_burst', 'reflector', 'ok', '', 10000,
                       jsonb_build_object('mos', 3.6 + random(), 'mos_up', 3.6 + random(), 'mos_down', 3.6 + random(), 'r_factor', 80 + 10 * random(),
                                          'rtt_ms', 20 + 100 * random(), 'rtt_min_ms', 15, 'rtt_max_ms', 180 * random(),
                                          'jitter_up_ms', 25 * random(), 'jitter_down_ms', 25 * random(),
                                          'loss_up_ratio', 0.01 * random(), 'loss_down_ratio', 0.01 * random(),
                                          'packets_sent_count', 500, 'packets_received_count', 498, 'delay_up_ms', 30 * random(), 'delay_down_ms', 30 * random())
                FROM sites s CROSS JOIN generate_series(%s, %s, INTERVAL '5 minutes') AS t""".formatted(rawFrom, now),
                """
                INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason, duration_ms, metrics)
                SELECT gen_random_uuid(), t, s.customer_id, s.id, s.id, 'wan_traffic', 'wan', 'ok', '', 1000,
                       jsonb_build_object('up_bps', 1e7 * random(), 'down_bps', 4e7 * random(), 'up_utilisation_pct', 50 * random(),
                                          'down_utilisation_pct', 50 * random())
                FROM sites s CROSS JOIN generate_series(%s, %s, INTERVAL '15 minutes') AS t""".formatted(rawFrom, now),
                """
                INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason, duration_ms, metrics, details)
                SELECT gen_random_uuid(), t, s.customer_id, s.id, s.id, k, 'pbx', CASE WHEN random() < 0.05 THEN 'failed' ELSE 'ok' END, '', 500,
                       '{}', '{"fix": "Disable the SIP helper"}'
                FROM sites s CROSS JOIN generate_series(%s, %s, INTERVAL '1 hour') AS t CROSS JOIN unnest(ARRAY['sip_alg', 'sip_options']) AS k"""
                        .formatted(dayFrom, now),
                "SELECT site_latest_refill()",
                "INSERT INTO results_5m " + rollupColumns + rollupValues.formatted(1, 1, dayFrom, now, "5 minutes", ""),
                "INSERT INTO results_5m " + trafficColumns + trafficValues.formatted(1, 1, dayFrom, now, "5 minutes", ""),
                "INSERT INTO results_5m " + rollupColumns + rollupValues.formatted(1, 1, weekFrom, beforeDay, "5 minutes", olderWeek),
                "INSERT INTO results_5m " + trafficColumns + trafficValues.formatted(1, 1, weekFrom, beforeDay, "5 minutes", olderWeek),
                """
                INSERT INTO alerts (id, dedup_key, kind, customer_id, site_id, target, metric, severity, state, value, threshold, started_at)
                SELECT gen_random_uuid(), 'bench:' || s.id, 'quality', s.customer_id, s.id, 'reflector', 'jitter_ms', 'warning', 'firing', 25, 20,
                       %s - INTERVAL '10 minutes'
                FROM sites s WHERE get_byte(decode(replace(s.id::text, '-', ''), 'hex'), 0) < 3""".formatted(now),
                """
                INSERT INTO qos_assessments (site_id, customer_id, verdict, assessment, computed_at, results_through)
                SELECT s.id, s.customer_id, 'qos_effective', '{"confidence": "high", "evidence": ["Voice held at 95 %% load."], "sizing": {}}', %s, %s
                FROM sites s""".formatted(now, now));
        List<String> hourly = List.of(
                "INSERT INTO results_1h " + rollupColumns + rollupValues.formatted(12, 12, hourFrom, now, "1 hour", ""),
                "INSERT INTO results_1h " + trafficColumns + trafficValues.formatted(4, 4, hourFrom, now, "1 hour", ""),
                Rollups.THREE_HOURS);
        try (Connection c = db.owner(); Connection other = db.owner()) {
            List<String> indexes = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT i.indexname, i.indexdef, i.tablename FROM pg_indexes i
                    WHERE i.schemaname = 'public' AND i.tablename IN ('results', 'results_5m', 'results_1h', 'results_3h')
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)""")) {
                while (rs.next()) {
                    indexes.add(rs.getString(2));
                    c.createStatement().execute("DROP INDEX " + rs.getString(1));
                }
            }
            run(c, tenants);
            parallel(List.of(() -> run(c, rawAndFiveMinutes), () -> run(other, hourly)));
            System.out.printf("loaded in %.0f s; rebuilding %d indexes%n", (System.nanoTime() - T0) / 1e9, indexes.size());
            List<String> results = indexes.stream().filter(d -> !d.matches(".* ON public.results_[13]h .*")).toList();
            List<String> rest = indexes.stream().filter(d -> d.matches(".* ON public.results_[13]h .*")).toList();
            parallel(List.of(() -> run(c, concat("SET maintenance_work_mem = '512MB'", results)),
                    () -> run(other, concat("SET maintenance_work_mem = '512MB'", rest))));
            parallel(List.of(() -> run(c, List.of("VACUUM ANALYZE results", "VACUUM ANALYZE results_5m",
                            "VACUUM ANALYZE site_latest, site_summary, alerts, qos_assessments, sites, customers")),
                    () -> run(other, List.of("VACUUM ANALYZE results_1h", "VACUUM ANALYZE results_3h"))));
        }
    }

    private interface SqlTask {
        void run() throws Exception;
    }

    private static void parallel(List<SqlTask> tasks) throws Exception {
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(tasks.size())) {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (SqlTask t : tasks) {
                running.add(pool.submit(() -> {
                    t.run();
                    return null;
                }));
            }
            for (var f : running) {
                f.get();
            }
        }
    }

    private static void run(Connection c, List<String> statements) throws Exception {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private DashboardBenchmark() {
    }
}
