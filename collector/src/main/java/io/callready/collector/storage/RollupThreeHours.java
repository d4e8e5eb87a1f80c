package io.callready.collector.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The statement that brings results_3h up to date after a page was merged into results_1h: every 3-hour bucket a
 * result of the page ({@link RollupPage}) falls into is recomputed whole from its (at most three) hourly rows by
 * {@code results_3h_bucket} (migration V219), one primary-key range per bucket, so a page costs what it touched,
 * whatever results_1h holds.
 */
final class RollupThreeHours {
    private static final String SQL = """
            INSERT INTO results_3h
            SELECT b.*
            FROM (SELECT DISTINCT p.site_id, p.target, p.kind,
                         date_bin(INTERVAL '3 hours', p.started_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket
                  FROM %s) t
            CROSS JOIN LATERAL results_3h_bucket(t.site_id, t.target, t.kind, t.bucket) b
            ON CONFLICT (site_id, target, kind, bucket) DO UPDATE SET
                customer_id = EXCLUDED.customer_id, result_count = EXCLUDED.result_count,
                mos_avg = EXCLUDED.mos_avg, mos_weight = EXCLUDED.mos_weight,
                jitter_ms_good = EXCLUDED.jitter_ms_good, jitter_ms_acceptable = EXCLUDED.jitter_ms_acceptable,
                jitter_ms_problematic = EXCLUDED.jitter_ms_problematic,
                loss_ratio_good = EXCLUDED.loss_ratio_good, loss_ratio_acceptable = EXCLUDED.loss_ratio_acceptable,
                loss_ratio_problematic = EXCLUDED.loss_ratio_problematic,
                mos_good = EXCLUDED.mos_good, mos_acceptable = EXCLUDED.mos_acceptable, mos_problematic = EXCLUDED.mos_problematic,
                rtt_ms_good = EXCLUDED.rtt_ms_good, rtt_ms_acceptable = EXCLUDED.rtt_ms_acceptable,
                rtt_ms_problematic = EXCLUDED.rtt_ms_problematic""";

    private RollupThreeHours() {
    }

    /**
     * Recomputes the 3-hour rows the page read into {@link RollupPage#TABLE} touched; {@code site} null for every
     * site of the page.
     *
     * @return rows written
     */
    static int recompute(Connection c, UUID site) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SQL.formatted(RollupPage.rolledUp(site)))) {
            return s.executeUpdate();
        }
    }
}
