package io.callready.collector.jobs;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.alert.AlertEvaluator;
import io.callready.collector.storage.RetentionJob;
import io.callready.collector.storage.RollupJob;
import io.callready.collector.support.Api;
import io.callready.collector.support.RollupRuns;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Rows that ingest would refuse, written straight into PostgreSQL for customer A (as an older collector or a
 * hand-made INSERT could have), must not stop any background job for customer B: B's alert still fires, B's
 * rollups are still computed, retention still runs, the skipped rows are counted, and readiness stays UP.
 */
@QuarkusTest
class PoisonRowsIT {
    @Inject
    AgroalDataSource db;
    @Inject
    AlertEvaluator evaluator;
    @Inject
    RollupJob rollups;
    @Inject
    RetentionJob retention;
    @Inject
    MeterRegistry registry;
    @Inject
    JobHealth health;

    private Api.TestTenant a;
    private Api.TestTenant aSecondSite;

    @AfterEach
    void removePoison() throws SQLException {
        for (Api.TestTenant t : new Api.TestTenant[] {a, aSecondSite}) {
            if (t != null) {
                sql("DELETE FROM results WHERE customer_id = ?", t.customerId());
                sql("DELETE FROM alert_site_intervals WHERE site_id = ?", t.siteId());
                sql("UPDATE agents SET last_seen_at = NULL WHERE site_id = ?", t.siteId());
            }
        }
    }

    @Test
    void poisonRowsOfOneCustomerStopNoJobOfAnother() throws SQLException {
        a = Api.newTenant();
        aSecondSite = Api.newTenant();
        Api.TestTenant b = Api.newTenant();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant bucket = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        String jitter = "{\"jitter_up_ms\": 50, \"jitter_down_ms\": 1}";
        poison("-infinity", jitter, "{}");
        poison("infinity", jitter, "{}");
        // timestamptz ends in year 294276: the latest time PostgreSQL can store, far beyond any sane clock
        poison("294276-12-31 23:00:00+00", jitter, "{}");
        poison(now.toString(), jitter, "{\"interval\": \"3000000000000000h\"}");
        poison(bucket.plusSeconds(10).toString(), "{\"rtt_ms\": 1e308}", "{}");
        poison(bucket.plusSeconds(20).toString(), "{\"rtt_ms\": 1e308}", "{}");
        // jsonb has no NaN number; a NaN reaches it as a string, which a double precision cast reads as NaN
        poison(now.minusSeconds(5).toString(), "{\"rtt_ms\": \"NaN\", \"jitter_up_ms\": 1e400}", "{}");
        // what an older collector may have stored, and an agent time no clock can have
        sql("UPDATE agents SET last_seen_at = '-infinity' WHERE site_id = ?", a.siteId());
        postJitter(aSecondSite, now, 1);
        sql("INSERT INTO alert_site_intervals (site_id, interval_ms) VALUES (?, 9000000000000000000)", aSecondSite.siteId());

        double alertsBefore = isolated(JobHealth.ALERT_EVALUATION);
        double offlineBefore = isolated(JobHealth.OFFLINE_CHECK);
        double rollupBefore = isolated(JobHealth.ROLLUP);
        for (int i = 3; i >= 1; i--) {
            postJitter(b, now.minus(Duration.ofMinutes(i)), 50);
        }

        assertThat(evaluator.evaluate()).isTrue();
        Api.asAdmin().get("/api/v1/customers/{c}/alerts?state=firing", b.customerId()).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].metric", equalTo("jitter_ms")).body("[0].siteId", equalTo(b.siteId().toString()));
        // -infinity, infinity, year 294276, the interval label, NaN and 1e400
        assertThat(isolated(JobHealth.ALERT_EVALUATION) - alertsBefore).isEqualTo(6);
        // A's agent time, and the other site's stored interval (that site is still checked, with the default interval)
        assertThat(isolated(JobHealth.OFFLINE_CHECK) - offlineBefore).isEqualTo(2);

        double afterFirstPass = isolated(JobHealth.ALERT_EVALUATION);
        assertThat(evaluator.evaluate()).isTrue();
        assertThat(isolated(JobHealth.ALERT_EVALUATION)).as("a row re-read in the cursor overlap is counted once").isEqualTo(afterFirstPass);

        assertThat(RollupRuns.overAllStored(rollups)).isPositive();
        assertThat(count("SELECT count(*) FROM results_5m WHERE site_id = ?", b.siteId())).isPositive();
        assertThat(count("SELECT count(*) FROM results_1h WHERE site_id = ?", b.siteId())).isPositive();
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT result_count, rtt_ms_avg, rtt_ms_max FROM results_5m WHERE site_id = ? AND bucket = ?")) {
            q.setObject(1, a.siteId());
            q.setObject(2, OffsetDateTime.ofInstant(bucket, ZoneOffset.UTC));
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(2);
                assertThat(List.of(rs.getDouble(2), rs.getDouble(3))).as("two 1e308 average to 1e308, no overflow").containsExactly(1e308, 1e308);
            }
        }
        // left out of the rollups: -infinity, infinity, year 294276, and the row whose rtt_ms is NaN and jitter 1e400
        assertThat(isolated(JobHealth.ROLLUP) - rollupBefore).isEqualTo(4);

        RetentionJob.Purged purged = retention.run();
        assertThat(purged).isNotNull();
        assertThat(purged.raw()).isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT count(*) FROM results WHERE site_id = ? AND started_at = '-infinity'", a.siteId())).isZero();

        assertThat(health.failing()).isEmpty();
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private void poison(String startedAt, String metrics, String labels) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason,
                                     duration_ms, metrics, labels)
                VALUES (?, ?::timestamptz, ?, ?, ?, 'rtp_burst', 'poison.example', 'ok', '', 1000, ?::jsonb, ?::jsonb)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, startedAt);
            insert.setObject(3, a.customerId());
            insert.setObject(4, a.siteId());
            insert.setObject(5, a.agentId());
            insert.setString(6, metrics);
            insert.setString(7, labels);
            insert.executeUpdate();
        }
    }

    private static void postJitter(Api.TestTenant tenant, Instant startedAt, double jitterMs) {
        Map<String, Object> result = new HashMap<>();
        result.put("id", UUID.randomUUID().toString());
        result.put("agentId", tenant.agentId().toString());
        result.put("kind", "rtp_burst");
        result.put("target", "reflector.example");
        result.put("startedAt", startedAt.toString());
        result.put("durationMs", 1000);
        result.put("status", "ok");
        result.put("reason", "");
        result.put("metrics", Map.of("jitter_up_ms", jitterMs, "jitter_down_ms", 1.0, "rtt_ms", 20.0));
        Api.asAgent(tenant.token()).body(Map.of("results", List.of(result))).post("/api/v1/results").then().statusCode(200);
    }

    private double isolated(String job) {
        Counter counter = registry.find("callready.jobs.isolated").tag("job", job).counter();
        return counter == null ? 0 : counter.count();
    }

    private void sql(String statement, UUID id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            s.setObject(1, id);
            s.executeUpdate();
        }
    }

    private long count(String sql, UUID site) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, site);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
