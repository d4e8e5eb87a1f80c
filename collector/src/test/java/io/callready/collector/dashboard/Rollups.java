package io.callready.collector.dashboard;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills results_5m and results_1h from all raw results in one statement each, by the value rules of RollupJob and
 * migration V104 (rollup_metric, worse direction for jitter and loss, numeric averages), and results_3h from
 * results_1h by V219's {@code results_3h_bucket}. For seeding test and benchmark databases; the collector's own job
 * is proven by RollupIT.
 */
public final class Rollups {
    private static final String METRIC = "rollup_metric(metrics, '%s')";
    /**
     * Every 3-hour row from the hourly rows stored (plain PostgreSQL), as migration V219 fills it; written in time
     * order, as the rollup job writes them, so a customer's rows of one bucket lie near each other in the table.
     */
    static final String THREE_HOURS = """
            INSERT INTO results_3h
            SELECT b.*
            FROM (SELECT DISTINCT site_id, target, kind, date_bin(INTERVAL '3 hours', bucket, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket
                  FROM results_1h) t
            CROSS JOIN LATERAL results_3h_bucket(t.site_id, t.target, t.kind, t.bucket) b
            ORDER BY t.bucket, t.site_id""";

    public static void fill(Connection c) throws SQLException {
        for (String[] rollup : new String[][]{{"results_5m", "5 minutes"}, {"results_1h", "1 hour"}}) {
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE " + rollup[0]);
                s.execute("""
                        INSERT INTO %s (bucket, customer_id, site_id, target, kind, result_count, ok_count, failed_count,
                                        mos_avg, mos_min, mos_max, rtt_ms_avg, rtt_ms_min, rtt_ms_max,
                                        jitter_ms_avg, jitter_ms_max, loss_ratio_avg, loss_ratio_max,
                                        up_bps_avg, up_bps_max, down_bps_avg, down_bps_max,
                                        up_utilisation_pct_avg, up_utilisation_pct_max, down_utilisation_pct_avg, down_utilisation_pct_max)
                        SELECT date_bin(INTERVAL '%s', started_at, TIMESTAMPTZ 'epoch') AS bucket, customer_id, site_id, target, kind,
                               count(*), count(*) FILTER (WHERE status = 'ok'), count(*) FILTER (WHERE status IN ('failed', 'error')),
                               %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s
                        FROM results
                        GROUP BY 1, customer_id, site_id, target, kind""".formatted(rollup[0], rollup[1],
                        avg(m("mos")), "min(" + m("mos") + ")", "max(" + m("mos") + ")",
                        avg(m("rtt_ms")), "min(" + m("rtt_ms") + ")", "max(" + m("rtt_ms") + ")",
                        avg(worse("jitter")), "max(" + worse("jitter") + ")", avg(worse("loss")), "max(" + worse("loss") + ")",
                        avg(m("up_bps")), "max(" + m("up_bps") + ")", avg(m("down_bps")), "max(" + m("down_bps") + ")",
                        avg(m("up_utilisation_pct")), "max(" + m("up_utilisation_pct") + ")",
                        avg(m("down_utilisation_pct")), "max(" + m("down_utilisation_pct") + ")"));
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("TRUNCATE results_3h");
            s.execute(THREE_HOURS);
        }
    }

    private static String m(String key) {
        return METRIC.formatted(key);
    }

    private static String worse(String metric) {
        return metric.equals("jitter") ? "greatest(" + m("jitter_up_ms") + ", " + m("jitter_down_ms") + ")"
                : "greatest(" + m("loss_up_ratio") + ", " + m("loss_down_ratio") + ")";
    }

    private static String avg(String expr) {
        return "avg((" + expr + ")::numeric)::double precision";
    }

    private Rollups() {
    }
}
