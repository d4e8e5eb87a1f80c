package io.callready.collector.qos;

import io.agroal.api.AgroalDataSource;
import io.callready.advice.SiteSeries;
import io.callready.collector.alert.AlertEvaluator;
import io.callready.collector.jobs.JobHealth;
import io.callready.collector.problem.Problem;
import io.callready.collector.result.ResultReader;
import io.callready.collector.support.Api;
import io.callready.collector.support.Api.TestTenant;
import io.callready.collector.support.TestClock;
import io.callready.wire.result.ProbeResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * The qos-advice job on real PostgreSQL with seeded results of a known answer (QosSeed), the read API over what it
 * stored, and the congestion alert through the alert lifecycle and a real channel's outbox.
 */
@QuarkusTest
class QosAdviceIT {

    @Inject
    AgroalDataSource db;
    @Inject
    QosAdviceJob job;
    @Inject
    AlertEvaluator evaluator;
    @Inject
    TestClock clock;
    @Inject
    MeterRegistry registry;
    @Inject
    JobHealth health;
    @Inject
    ResultReader resultRows;

    private final List<String> channels = new ArrayList<>();
    private Instant now;

    @BeforeEach
    void fixClock() {
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now);
    }

    @AfterEach
    void release() {
        channels.forEach(id -> Api.asAdmin().delete("/api/v1/channels/{id}", id).then().statusCode(204));
        clock.useSystemTime();
    }

    @Test
    void theJobAssessesTwoTenantsAndSkipsPoisonedSitesOnce() throws Exception {
        TestTenant congested = tenantWithPlan();
        TestTenant holding = tenantWithPlan();
        TestTenant badRow = tenantWithPlan();
        TestTenant badZone = tenantWithPlan();
        QosSeed seed = new QosSeed(db);
        seed.bursts(congested.customerId(), congested.siteId(), now, 30, 20, true);
        seed.bursts(holding.customerId(), holding.siteId(), now, 30, 20, false);
        seed.bursts(badRow.customerId(), badRow.siteId(), now, 5, 0, false);
        new SeededResults(db).result(badRow.customerId(), badRow.siteId(), "rtp_burst", "pbx.example.net:5004", "ok",
                now.minusSeconds(30), "{\"loss_up_ratio\": \"lots\"}", "{}");
        seed.bursts(badZone.customerId(), badZone.siteId(), now, 5, 0, false);
        sql("UPDATE sites SET time_zone = 'Mars/Olympus_Mons' WHERE id = ?", badZone.siteId());
        double isolatedBefore = isolated();
        long runsBefore = runs();

        job.run();

        assertThat(verdict(congested)).isEqualTo("congestion_upstream");
        assertThat(verdict(holding)).isEqualTo("qos_effective");
        assertThat(verdict(badRow)).isNull();
        assertThat(verdict(badZone)).isNull();
        assertThat(isolated() - isolatedBefore).isEqualTo(2);
        assertThat(health.failing()).doesNotContainKey(JobHealth.QOS_ADVICE);
        assertThat(runs() - runsBefore).as("the run is timed as callready.jobs.run{job=qos-advice}").isEqualTo(1);

        Instant computed = computedAt(congested);
        clock.advance(Duration.ofMinutes(1));
        job.run();
        assertThat(computedAt(congested)).as("no new results: not reassessed").isEqualTo(computed);
        assertThat(isolated() - isolatedBefore).as("a skipped site is counted once").isEqualTo(2);

        seed.burst(congested.customerId(), congested.siteId(), clock.instant().minusSeconds(10), 95, 0.06, 50);
        job.run();
        assertThat(computedAt(congested)).isAfter(computed);
        assertThat(count("SELECT (assessment -> 'assessment' ->> 'samples')::int FROM qos_assessments WHERE site_id = ?",
                congested.siteId())).isEqualTo(51);
    }

    /** The job reads each result's advised metrics and labels only, and the series are those of the whole rows. */
    @Test
    void theAssessmentReadsWhatTheAdviceUsesAndNothingElse() throws Exception {
        TestTenant site = tenantWithPlan();
        QosSeed seed = new QosSeed(db);
        seed.bursts(site.customerId(), site.siteId(), now, 10, 10, true);
        new SeededResults(db).traffic(site.customerId(), site.siteId(), "snmp:wan", now.minusSeconds(60), 2e6, 1e7);
        Instant from = now.minus(Duration.ofDays(1));
        List<ProbeResult> whole = new ArrayList<>();
        SiteResults.Read slim;
        try (Connection c = db.getConnection()) {
            slim = SiteResults.read(c, resultRows, site.siteId(), from, now, 1_000);
            try (PreparedStatement q = c.prepareStatement("SELECT " + ResultReader.COLUMNS
                    + " FROM results WHERE site_id = ? ORDER BY started_at DESC")) {
                q.setObject(1, site.siteId());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        whole.add(resultRows.row(rs).wire());
                    }
                }
            }
        }
        assertThat(slim.results()).hasSize(21);
        assertThat(whole.stream().flatMap(r -> r.metrics().keySet().stream()))
                .as("the seeds hold metrics the advice does not read").contains("wan_up_bps", "line_up_bps", "sample_ms");
        for (ProbeResult r : slim.results()) {
            assertThat(SiteSeries.METRICS_READ).containsAll(r.metrics().keySet());
            assertThat(SiteSeries.LABELS_READ).containsAll(r.labels().keySet());
            assertThat(r.details()).isNull();
        }
        assertThat(slim.results()).extracting(ProbeResult::id).containsExactlyElementsOf(whole.stream().map(ProbeResult::id).toList());
        SiteSeries series = SiteSeries.from(slim.results());
        assertThat(series.quality()).hasSize(20);
        assertThat(series.traffic()).hasSize(1);
        assertThat(series).isEqualTo(SiteSeries.from(whole));
    }

    @Test
    void theApiServesTheStoredAssessmentTheBusyHourAndVendorSnippets() throws Exception {
        TestTenant t = tenantWithPlan();
        Api.asAdmin().get("/api/v1/sites/{s}/qos-advice", t.siteId()).then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("no QoS assessment yet"));
        new QosSeed(db).bursts(t.customerId(), t.siteId(), now, 30, 20, true);
        job.run();

        Api.asAdmin().get("/api/v1/sites/{s}/qos-advice", t.siteId()).then().statusCode(200)
                .body("verdict", equalTo("congestion_upstream"))
                // 50 bursts are under twice the minimum of 30: the advisor lowers its confidence a step
                .body("confidence", equalTo("medium"))
                .body("evidence[0]", containsString("upstream utilisation"))
                .body("sizing.codec", equalTo("pcmu"))
                .body("sizing.shaperUpKbps", equalTo(9000.0f))
                .body("knees[0].direction", equalTo("up"))
                .body("correlations.direction", hasItem("up"))
                .body("facts.lineUpBps", equalTo(1.0e7f));
        String evidence = Api.asAdmin().get("/api/v1/sites/{s}/qos-advice", t.siteId()).then().extract().path("evidence[0]");
        String cisco = Api.asAdmin().queryParam("vendor", "cisco-ios").get("/api/v1/sites/{s}/qos-advice", t.siteId())
                .then().statusCode(200).contentType(containsString("text/plain")).extract().asString();
        assertThat(cisco).as("the snippet cites the stored verdict and evidence").contains("congestion_upstream", evidence);
        String tc = Api.asAdmin().queryParam("vendor", "linux-tc").queryParam("wan_if", "wan0")
                .get("/api/v1/sites/{s}/qos-advice", t.siteId()).then().statusCode(200).extract().asString();
        assertThat(tc).contains("wan0", evidence);
        Api.asAdmin().queryParam("vendor", "juniper").get("/api/v1/sites/{s}/qos-advice", t.siteId()).then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("vendor"))
                .body("errors[0].message", containsString("cisco-ios")).body("errors[0].message", containsString("linux-tc-cake"))
                .body(not(containsString("Exception")));
        Api.asAdmin().queryParam("vendor", "linux-tc").queryParam("wan_if", "eth0; reboot")
                .get("/api/v1/sites/{s}/qos-advice", t.siteId()).then().statusCode(400).body("errors[0].field", equalTo("wan_if"));

        Api.asAdmin().get("/api/v1/sites/{s}/busy-hour", t.siteId()).then().statusCode(200)
                .body("zone", equalTo("UTC")).body("siteId", equalTo(t.siteId().toString()));
        Api.asAdmin().get("/api/v1/customers/{c}/qos-advice", t.customerId()).then().statusCode(200)
                .body("counts.congestion_upstream", equalTo(1)).body("sites[0].verdict", equalTo("congestion_upstream"))
                .body("sites[0].confidence", equalTo("medium"));
    }

    @Test
    void aForeignSiteOrCustomerAnswersExactlyLikeAnUnknownOne() throws Exception {
        TestTenant a = Api.newTenant();
        TestTenant b = tenantWithPlan();
        new QosSeed(db).bursts(b.customerId(), b.siteId(), now, 30, 20, true);
        job.run();
        String tokenA = Api.staffToken("read_only", a.customerId());
        UUID unknown = UUID.randomUUID();
        for (String route : List.of("/api/v1/sites/%s/qos-advice", "/api/v1/sites/%s/qos-advice?vendor=cisco-ios",
                "/api/v1/sites/%s/busy-hour", "/api/v1/sites/%s/traffic", "/api/v1/sites/%s/facts")) {
            var foreign = Api.as(tokenA).get(route.formatted(b.siteId())).then().extract();
            var missing = Api.as(tokenA).get(route.formatted(unknown)).then().extract();
            assertThat(foreign.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
            assertThat(foreign.asString().replace(b.siteId().toString(), "ID")).isEqualTo(missing.asString().replace(unknown.toString(), "ID"));
        }
        for (String route : List.of("/api/v1/customers/%s/qos-advice", "/api/v1/customers/%s/facts")) {
            var foreign = Api.as(tokenA).get(route.formatted(b.customerId())).then().extract();
            var missing = Api.as(tokenA).get(route.formatted(unknown)).then().extract();
            assertThat(foreign.statusCode()).isEqualTo(404);
            assertThat(foreign.asString().replace(b.customerId().toString(), "ID")).isEqualTo(missing.asString().replace(unknown.toString(), "ID"));
        }
        Api.asAdmin().get("/api/v1/sites/{s}/qos-advice", b.siteId()).then().statusCode(200);
    }

    @Test
    void congestionNotifiesOnceWithTheAdviceAndResolvesWhenTheVerdictLeaves() throws Exception {
        TestTenant t = tenantWithPlan();
        String channel = channelFor(t.customerId());
        QosSeed seed = new QosSeed(db);
        seed.bursts(t.customerId(), t.siteId(), now, 30, 20, true);
        job.run();
        clock.advance(Duration.ofMinutes(1));
        seed.burst(t.customerId(), t.siteId(), clock.instant().minusSeconds(5), 97, 0.07, 48);
        job.run();
        assertThat(computedAt(t)).isEqualTo(clock.instant());
        assertThat(verdict(t)).isEqualTo("congestion_upstream");
        clock.advance(Duration.ofMinutes(1));
        evaluator.evaluate();
        clock.advance(Duration.ofMinutes(1));
        evaluator.evaluate();

        List<Map<String, String>> sent = congestionMessages(channel);
        assertThat(sent).extracting(m -> m.get("type")).containsExactly("alert.firing");
        assertThat(sent.getFirst().get("verdict")).isEqualTo("congestion_upstream");
        assertThat(sent.getFirst().get("advice")).contains("shape upstream to 9000 kbit/s", "EF priority class");
        assertThat(sent.getFirst().get("evidence")).contains("upstream utilisation");
        assertThat(sent.getFirst().get("shaper")).isEqualTo("9000.0");

        sql("DELETE FROM results WHERE site_id = ?", t.siteId());
        seed.bursts(t.customerId(), t.siteId(), clock.instant(), 30, 20, false);
        job.run();
        assertThat(verdict(t)).isEqualTo("qos_effective");
        clock.advance(Duration.ofMinutes(1));
        evaluator.evaluate();
        assertThat(congestionMessages(channel)).extracting(m -> m.get("type")).containsExactly("alert.firing", "alert.resolved");
        Api.asAdmin().get("/api/v1/customers/{c}/alerts?state=firing", t.customerId()).then().statusCode(200)
                .body("kind", not(hasItem("congestion")));
    }

    private TestTenant tenantWithPlan() {
        TestTenant t = Api.newTenant();
        Api.asAdmin().body(QosSeed.PLAN).put("/api/v1/customers/{c}/plan", t.customerId()).then().statusCode(200);
        return t;
    }

    private String channelFor(UUID customer) {
        String id = Api.asAdmin().body(Map.of("name", "qos-" + UUID.randomUUID(), "kind", "webhook",
                        "url", "http://127.0.0.1:9/never-delivered",
                        "routes", List.of(Map.of("customerId", customer.toString(), "minSeverity", "warning"))))
                .post("/api/v1/channels").then().statusCode(201).extract().path("id");
        channels.add(id);
        return id;
    }

    /** The congestion events queued for a channel, oldest first. */
    private List<Map<String, String>> congestionMessages(String channel) throws SQLException {
        List<Map<String, String>> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("""
                SELECT event ->> 'type', event -> 'alert' -> 'details' ->> 'verdict', event -> 'alert' -> 'details' ->> 'advice',
                       event -> 'alert' -> 'details' -> 'evidence' ->> 0, event -> 'alert' -> 'details' -> 'sizing' ->> 'shaperUpKbps'
                FROM notify_outbox WHERE channel_id = ?::uuid AND event -> 'alert' ->> 'kind' = 'congestion' ORDER BY id""")) {
            q.setString(1, channel);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(Map.of("type", rs.getString(1), "verdict", String.valueOf(rs.getString(2)),
                            "advice", String.valueOf(rs.getString(3)), "evidence", String.valueOf(rs.getString(4)),
                            "shaper", String.valueOf(rs.getString(5))));
                }
            }
        }
        return out;
    }

    private String verdict(TestTenant t) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("SELECT verdict FROM qos_assessments WHERE site_id = ?")) {
            q.setObject(1, t.siteId());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private Instant computedAt(TestTenant t) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("SELECT computed_at FROM qos_assessments WHERE site_id = ?")) {
            q.setObject(1, t.siteId());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
            }
        }
    }

    private long count(String sql, UUID id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void sql(String statement, UUID id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            s.setObject(1, id);
            s.executeUpdate();
        }
    }

    private long runs() {
        Timer timer = registry.find("callready.jobs.run").tag("job", JobHealth.QOS_ADVICE).timer();
        return timer == null ? 0 : timer.count();
    }

    private double isolated() {
        Counter counter = registry.find("callready.jobs.isolated").tag("job", JobHealth.QOS_ADVICE).counter();
        return counter == null ? 0 : counter.count();
    }
}
