package io.callready.collector.ingest;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.support.Api;
import io.callready.collector.support.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class IngestStorageIT {
    @Inject
    AgroalDataSource db;
    @Inject
    ResultIdRetention idRetention;

    @TestFactory
    Stream<DynamicTest> validCorpusIsAcceptedInFull() {
        List<Path> cases = Payloads.list("valid", ".json");
        assertThat(cases).isNotEmpty();
        return cases.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Api.TestTenant tenant = Api.newTenant();
            String body = Payloads.render(file, tenant.agentId());
            int results = io.restassured.path.json.JsonPath.from(body).getList("results").size();
            Response response = Api.asAgent(tenant.token()).body(body).post("/api/v1/results");
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
            assertThat(response.<Integer>path("accepted")).isEqualTo(results);
            assertThat(response.<Integer>path("duplicates")).isZero();
            assertThat(rowsOfSite(tenant.siteId())).isEqualTo(results);
        }));
    }

    @Test
    void sameBatchTwiceIsStoredOnce() throws Exception {
        Api.TestTenant tenant = Api.newTenant();
        String body = Payloads.render(Payloads.ROOT.resolve("valid/several-kinds-of-outcome.json"), tenant.agentId());

        Api.asAgent(tenant.token()).body(body).post("/api/v1/results")
                .then().statusCode(200).body("accepted", equalTo(3)).body("duplicates", equalTo(0))
                .body("rejected", org.hamcrest.Matchers.empty());
        long rowsAfterFirst = totalRows();
        Api.asAgent(tenant.token()).body(body).post("/api/v1/results")
                .then().statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(3));

        assertThat(totalRows()).isEqualTo(rowsAfterFirst);
        assertThat(rowsOfSite(tenant.siteId())).isEqualTo(3);
    }

    /** The results key holds started_at (hypertable rule), so result_ids is what keeps one id to one row. */
    @Test
    void oneIdIsNeverStoredWithTwoStartTimes() throws Exception {
        Api.TestTenant tenant = Api.newTenant();
        UUID id = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Instant first = Instant.now().minusSeconds(60);
        Instant second = first.minusSeconds(60);
        post(tenant, result(id, tenant, first)).then().statusCode(200).body("accepted", equalTo(1));

        post(tenant, result(id, tenant, second), result(UUID.randomUUID(), tenant, first))
                .then().statusCode(200).body("accepted", equalTo(1))
                .body("rejected[0].index", equalTo(0)).body("rejected[0].id", equalTo(id.toString()))
                .body("rejected[0].errors[0].field", equalTo("results[0].id"))
                .body("rejected[0].errors[0].message", containsString("already stored with startedAt " + first.truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
        post(tenant, result(id, tenant, second)).then().statusCode(400).body("rejected[0].errors[0].field", equalTo("results[0].id"));
        post(tenant, result(other, tenant, first), result(other, tenant, second), result(other, tenant, first))
                .then().statusCode(200).body("accepted", equalTo(1)).body("duplicates", equalTo(1))
                .body("rejected.index", contains(1))
                .body("rejected[0].errors[0].message", containsString("appears earlier in this batch (results[0])"));
        post(tenant, result(id, tenant, first)).then().statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(1));

        assertThat(rowsOfId(id)).isEqualTo(1);
        assertThat(rowsOfId(other)).isEqualTo(1);
        assertThat(rowsOfSite(tenant.siteId())).isEqualTo(3);
    }

    @Test
    void idsAreForgottenADayAfterRetentionDeletedTheirResults() throws Exception {
        UUID old = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        Instant now = Instant.now();
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("INSERT INTO result_ids VALUES (?, ?), (?, ?)")) {
            q.setObject(1, old);
            q.setObject(2, OffsetDateTime.ofInstant(now.minus(java.time.Duration.ofDays(31)).minusSeconds(1), java.time.ZoneOffset.UTC));
            q.setObject(3, kept);
            q.setObject(4, OffsetDateTime.ofInstant(now.minus(java.time.Duration.ofDays(31)).plusSeconds(60), java.time.ZoneOffset.UTC));
            q.executeUpdate();
        }
        assertThat(idRetention.prune(now)).isPositive();
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("SELECT result_id FROM result_ids WHERE result_id IN (?, ?)")) {
            q.setObject(1, old);
            q.setObject(2, kept);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1, UUID.class)).isEqualTo(kept);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    private static String result(UUID id, Api.TestTenant tenant, Instant startedAt) {
        return """
                {"id":"%s","agentId":"%s","kind":"rtp_burst","target":"r:5004","startedAt":"%s","durationMs":5,
                 "status":"ok","reason":"","metrics":{"rtt_ms":10}}""".formatted(id, tenant.agentId(), startedAt);
    }

    private static io.restassured.response.Response post(Api.TestTenant tenant, String... results) {
        return Api.asAgent(tenant.token()).body("{\"results\":[" + String.join(",", results) + "]}").post("/api/v1/results");
    }

    private int rowsOfId(UUID id) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("SELECT count(*) FROM results WHERE result_id = ?")) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void resultIsStoredUnderTheTokensCustomerSiteAndAgent() throws Exception {
        Api.TestTenant tenant = Api.newTenant();
        Api.TestTenant bystander = Api.newTenant();
        String body = Payloads.render(Payloads.ROOT.resolve("valid/full-rtp-burst.json"), tenant.agentId());
        Instant before = Instant.now();
        Api.asAgent(tenant.token()).body(body).post("/api/v1/results").then().statusCode(200);

        try (Connection c = db.getConnection();
             PreparedStatement q = c.prepareStatement("""
                     SELECT customer_id, agent_id, kind, status, duration_ms, metrics->>'loss_up_ratio', labels->>'codec',
                            details->>'dscp_requested', received_at
                     FROM results WHERE site_id = ?""")) {
            q.setObject(1, tenant.siteId());
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1, UUID.class)).isEqualTo(tenant.customerId());
                assertThat(rs.getObject(2, UUID.class)).isEqualTo(tenant.agentId());
                assertThat(rs.getString(3)).isEqualTo("rtp_burst");
                assertThat(rs.getString(4)).isEqualTo("degraded");
                assertThat(rs.getInt(5)).isEqualTo(10020);
                assertThat(rs.getString(6)).isEqualTo("0.004");
                assertThat(rs.getString(7)).isEqualTo("pcmu");
                assertThat(rs.getString(8)).isEqualTo("46");
                assertThat(rs.getObject(9, OffsetDateTime.class).toInstant()).isAfterOrEqualTo(before.minusSeconds(1));
                assertThat(rs.next()).isFalse();
            }
        }
        assertThat(rowsOfSite(bystander.siteId())).isZero();
        assertThat(lastSeen(tenant.agentId())).isNotNull();
        assertThat(lastSeen(bystander.agentId())).isNull();
    }

    /** What COPY's text format must escape (backslash, tab, newline, CR) and UTF-8 beyond ASCII arrive as sent. */
    @Test
    void textIsStoredAsSent() throws Exception {
        Api.TestTenant tenant = Api.newTenant();
        String target = "réflecteur 🎧:862";
        String reason = "line one\n\tindented \\ back\\slash \"quoted\" é 🎧 \\N";
        String freeText = "a\\b \\t \\N \"q\" ü";
        String header = "Via: x\r\nContact: <sip:a@b>\t\\";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("header", header);
        details.put("n", List.of(1, 2.5));
        details.put("ü", null);
        Map<String, Object> result = new LinkedHashMap<>(Map.of("id", UUID.randomUUID().toString(), "agentId", tenant.agentId().toString(),
                "kind", "stamp", "target", target, "startedAt", Instant.now().minusSeconds(30).toString(), "durationMs", 7,
                "status", "ok", "reason", reason, "metrics", Map.of("rtt_ms", 1.5e-3, "packets_sent_count", 20),
                "labels", Map.of("free_text", freeText, "codec", "pcmu")));
        result.put("details", details);
        Api.asAgent(tenant.token()).body(Map.of("results", List.of(result))).post("/api/v1/results")
                .then().statusCode(200).body("accepted", equalTo(1));
        try (Connection c = db.getConnection();
             PreparedStatement q = c.prepareStatement("""
                     SELECT target, reason, labels->>'free_text', details->>'header', details->'ü' = 'null'::jsonb,
                            details->'n' = '[1, 2.5]'::jsonb, metrics::text
                     FROM results WHERE site_id = ?""")) {
            q.setObject(1, tenant.siteId());
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(target);
                assertThat(rs.getString(2)).isEqualTo(reason);
                assertThat(rs.getString(3)).isEqualTo(freeText);
                assertThat(rs.getString(4)).isEqualTo(header);
                assertThat(rs.getBoolean(5)).isTrue();
                assertThat(rs.getBoolean(6)).isTrue();
                // Numbers as the wire's mapper writes a Double (20.0), as before
                assertThat(rs.getString(7)).isEqualTo("{\"rtt_ms\": 0.0015, \"packets_sent_count\": 20.0}");
            }
        }
    }

    private long totalRows() throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM results")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private int rowsOfSite(UUID siteId) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("SELECT count(*) FROM results WHERE site_id = ?")) {
            q.setObject(1, siteId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private OffsetDateTime lastSeen(UUID agentId) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("SELECT last_seen_at FROM agents WHERE id = ?")) {
            q.setObject(1, agentId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class);
            }
        }
    }
}
