package io.callready.collector.report;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

/** A site with a day of bursts, a SmartAlex checklist (SIP ALG failing on a FortiGate) and its facts, in the real schema. */
final class ReportSeed {
    static final String HOSTILE = "<script>alert('x')</script>";
    private final AgroalDataSource db;

    ReportSeed(AgroalDataSource db) {
        this.db = db;
    }

    void site(UUID customer, UUID site, UUID agent, Instant now, String siteTag) throws SQLException {
        exec("UPDATE sites SET profile = 'smartalex', peak_calls = 10 WHERE id = '" + site + "'");
        for (int i = 0; i < 96; i++) {
            boolean lossy = i % 24 == 0;
            result(customer, site, agent, "rtp_burst", "pbx.example.net:5004", lossy ? "degraded" : "ok",
                    now.minus(Duration.ofMinutes(15L * (i + 1))), String.format(Locale.ROOT, """
                            {"loss_up_ratio": %s, "loss_down_ratio": 0, "jitter_up_ms": %s, "jitter_down_ms": 2.5,
                             "rtt_ms": %s, "packets_sent_count": 500, "mos": %s}""",
                            lossy ? 0.02 : 0.0, 3 + i % 5, 20 + i % 10, lossy ? 3.9 : 4.35), "{}", null);
        }
        result(customer, site, agent, "profile_check", "smartalex", "degraded", now.minus(Duration.ofHours(2)),
                "{\"checks_passed_count\": 2, \"checks_warned_count\": 0, \"checks_failed_count\": 1}",
                "{\"profile\": \"smartalex\"}", """
                        {"schema": "callready.checklist/1", "profile": "smartalex", "items": [
                          {"id": "sip-alg", "title": "SIP ALG on the router", "status": "fail",
                           "evidence": "Via and Contact rewritten by the router (%s)",
                           "fix": "FortiGate: config system settings, set sip-helper disable, set sip-nat-trace disable"},
                          {"id": "double-nat", "title": "Double NAT / carrier-grade NAT", "status": "pass",
                           "evidence": "one NAT between the site and the internet", "fix": null},
                          {"id": "tls:sip.voice.getsmartalex.com", "title": "TLS sip.voice.getsmartalex.com", "status": "pass",
                           "evidence": "handshake TLSv1.3 (%s)", "fix": null}]}""".formatted(HOSTILE, siteTag));
    }

    private void result(UUID customer, UUID site, UUID agent, String kind, String target, String status, Instant at,
                        String metrics, String labels, String details) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason,
                                     duration_ms, metrics, labels, details)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'seeded', 1000, ?::jsonb, ?::jsonb, ?::jsonb)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            insert.setObject(3, customer);
            insert.setObject(4, site);
            insert.setObject(5, agent);
            insert.setString(6, kind);
            insert.setString(7, target);
            insert.setString(8, status);
            insert.setString(9, metrics);
            insert.setString(10, labels);
            insert.setString(11, details);
            insert.executeUpdate();
        }
    }

    private void exec(String sql) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.executeUpdate();
        }
    }
}
