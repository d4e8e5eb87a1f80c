package io.callready.collector.db;

import io.callready.collector.support.ThrowAwayPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database holding results from before V215 gets site_latest filled by the migration: per site, kind and target
 * the newest result (ties to the larger id), its status and finite quality metrics only.
 */
class SiteLatestBackfillIT {
    private static final String SITE_A = "aaaaaaaa-0000-0000-0000-0000000000a1";
    private static final String SITE_B = "bbbbbbbb-0000-0000-0000-0000000000b1";

    @TempDir
    Path dir;

    @Test
    void theMigrationFillsTheNewestResultPerSiteKindAndTarget() throws Exception {
        try (ThrowAwayPostgres pg = ThrowAwayPostgres.start(dir.resolve("pg"))) {
            flyway(pg).target("208").load().migrate();
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), "")) {
                c.createStatement().execute("""
                        INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason, duration_ms, metrics)
                        SELECT v.id::uuid, v.t::timestamptz, '00000000-0000-0000-0000-0000000000c1', v.site::uuid, v.site::uuid, v.kind, v.target,
                               v.status, '', 1000, v.metrics::jsonb
                        FROM (VALUES
                            ('10000000-0000-0000-0000-000000000001', '2026-11-30T10:00:00Z', '%1$s', 'rtp_burst', 'r:5004', 'ok', '{"mos": 4.4, "rtt_ms": 20}'),
                            ('10000000-0000-0000-0000-000000000002', '2026-11-30T11:00:00Z', '%1$s', 'rtp_burst', 'r:5004', 'degraded',
                             '{"mos": 3.9, "rtt_ms": 120, "jitter_up_ms": 22.5, "loss_down_ratio": 0.004, "jitter_down_ms": "NaN"}'),
                            ('10000000-0000-0000-0000-000000000003', '2026-11-30T09:00:00Z', '%1$s', 'sip_alg', 'pbx', 'failed', '{}'),
                            ('20000000-0000-0000-0000-000000000001', '2026-11-30T11:30:00Z', '%2$s', 'rtp_burst', 'r:5004', 'ok', '{"mos": 4.1}'),
                            ('f0000000-0000-0000-0000-000000000001', '2026-11-30T11:30:00Z', '%2$s', 'rtp_burst', 'r:5004', 'ok', '{"mos": 4.2}')
                        ) AS v(id, t, site, kind, target, status, metrics)""".formatted(SITE_A, SITE_B));
            }
            flyway(pg).load().migrate();
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), "")) {
                assertThat(rows(c)).containsExactly(
                        SITE_A + " rtp_burst r:5004 10000000-0000-0000-0000-000000000002 degraded 3.9 22.5 null null 0.004 120",
                        SITE_A + " sip_alg pbx 10000000-0000-0000-0000-000000000003 failed null null null null null null",
                        SITE_B + " rtp_burst r:5004 f0000000-0000-0000-0000-000000000001 ok 4.2 null null null null null");
            }
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(ThrowAwayPostgres pg) {
        return Flyway.configure().dataSource(pg.jdbcUrl(), pg.username(), "").locations("classpath:db/migration").outOfOrder(true);
    }

    private static List<String> rows(Connection c) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("""
                SELECT concat_ws(' ', site_id, kind, target, result_id, status, coalesce(mos::text, 'null'),
                                 coalesce(jitter_up_ms::text, 'null'), coalesce(jitter_down_ms::text, 'null'),
                                 coalesce(loss_up_ratio::text, 'null'), coalesce(loss_down_ratio::text, 'null'), coalesce(rtt_ms::text, 'null'))
                FROM site_latest ORDER BY site_id, kind, target""")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
