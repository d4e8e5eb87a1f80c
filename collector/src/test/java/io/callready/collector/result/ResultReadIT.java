package io.callready.collector.result;

import io.callready.collector.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class ResultReadIT {

    private static String result(UUID id, UUID agentId, String target, Instant startedAt, String status, double rttMs) {
        return """
                {"id":"%s","agentId":"%s","kind":"rtp_burst","target":"%s","startedAt":"%s","durationMs":10000,
                 "status":"%s","reason":"r","metrics":{"rtt_ms":%s},"labels":{"codec":"pcmu"},"details":{"n":1}}"""
                .formatted(id, agentId, target, startedAt, status, rttMs);
    }

    private static void ingest(Api.TestTenant tenant, String... results) {
        Api.asAgent(tenant.token()).body("{\"results\":[" + String.join(",", results) + "]}")
                .post("/api/v1/results").then().statusCode(200);
    }

    @Test
    void windowReturnsWhatWasIngestedOldestFirst() {
        Api.TestTenant tenant = Api.newTenant();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID older = UUID.randomUUID();
        UUID newer = UUID.randomUUID();
        UUID outside = UUID.randomUUID();
        ingest(tenant,
                result(newer, tenant.agentId(), "a:5004", now.minusSeconds(60), "degraded", 80.5),
                result(older, tenant.agentId(), "a:5004", now.minusSeconds(600), "ok", 20.0),
                result(outside, tenant.agentId(), "a:5004", now.minus(3, ChronoUnit.HOURS), "ok", 1.0));

        List<Map<String, Object>> items = Api.asAdmin().get("/api/v1/sites/{s}/results", tenant.siteId())
                .then().statusCode(200).body("$", hasSize(2)).extract().path("$");

        assertThat(items).extracting(i -> i.get("id")).containsExactly(older.toString(), newer.toString());
        Map<String, Object> item = items.get(1);
        assertThat(item).containsEntry("agentId", tenant.agentId().toString())
                .containsEntry("customerId", tenant.customerId().toString())
                .containsEntry("siteId", tenant.siteId().toString())
                .containsEntry("kind", "rtp_burst")
                .containsEntry("target", "a:5004")
                .containsEntry("status", "degraded")
                .containsEntry("reason", "r")
                .containsEntry("durationMs", 10000)
                .containsEntry("startedAt", now.minusSeconds(60).toString())
                .containsEntry("metrics", Map.of("rtt_ms", 80.5f))
                .containsEntry("labels", Map.of("codec", "pcmu"))
                .containsEntry("details", Map.of("n", 1))
                .containsKey("receivedAt");

        Api.asAdmin().queryParam("from", now.minus(4, ChronoUnit.HOURS).toString()).queryParam("limit", "1")
                .get("/api/v1/sites/{s}/results", tenant.siteId())
                .then().statusCode(200).body("$", hasSize(1)).body("[0].id", equalTo(outside.toString()));
        Api.asAdmin().queryParam("kind", "rtp_burst").queryParam("to", now.minusSeconds(300).toString())
                .get("/api/v1/sites/{s}/results", tenant.siteId())
                .then().statusCode(200).body("$", hasSize(1)).body("[0].id", equalTo(older.toString()));
    }

    @Test
    void latestHasTheNewestResultPerKindAndTarget() {
        Api.TestTenant tenant = Api.newTenant();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        UUID newestA = UUID.randomUUID();
        UUID onlyB = UUID.randomUUID();
        ingest(tenant,
                result(UUID.randomUUID(), tenant.agentId(), "a:5004", now.minusSeconds(120), "ok", 1),
                result(newestA, tenant.agentId(), "a:5004", now.minusSeconds(60), "failed", 2),
                result(onlyB, tenant.agentId(), "b:5004", now.minus(2, ChronoUnit.DAYS), "ok", 3));

        List<Map<String, Object>> items = Api.asAdmin().get("/api/v1/sites/{s}/results/latest", tenant.siteId())
                .then().statusCode(200).extract().path("$");
        assertThat(items).extracting(i -> i.get("id")).containsExactly(newestA.toString(), onlyB.toString());
    }

    @Test
    void otherSitesResultsAreNotShown() {
        Api.TestTenant tenant = Api.newTenant();
        Api.TestTenant other = Api.newTenant();
        ingest(other, result(UUID.randomUUID(), other.agentId(), "x:1", Instant.now().minusSeconds(5), "ok", 1));
        Api.asAdmin().get("/api/v1/sites/{s}/results", tenant.siteId()).then().statusCode(200).body("$", hasSize(0));
        Api.asAdmin().get("/api/v1/sites/{s}/results/latest", tenant.siteId()).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void badQueryParametersAre400NamingEachOne() {
        Api.TestTenant tenant = Api.newTenant();
        List<String> fields = Api.asAdmin()
                .queryParam("from", "yesterday").queryParam("kind", "warp").queryParam("limit", "10001")
                .get("/api/v1/sites/{s}/results", tenant.siteId())
                .then().statusCode(400).contentType("application/problem+json").extract().path("errors.field");
        assertThat(fields).containsExactlyInAnyOrder("from", "kind", "limit");

        Api.asAdmin().queryParam("from", "2026-01-02T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .get("/api/v1/sites/{s}/results", tenant.siteId())
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        Api.asAdmin().queryParam("limit", "0").get("/api/v1/sites/{s}/results", tenant.siteId())
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void unknownSiteIs404AndAgentTokenCannotRead() {
        Api.asAdmin().get("/api/v1/sites/{s}/results", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("detail", containsString("No site"));
        Api.asAdmin().get("/api/v1/sites/not-a-uuid/results/latest").then().statusCode(404).contentType("application/problem+json");
        Api.TestTenant tenant = Api.newTenant();
        Api.asAgent(tenant.token()).get("/api/v1/sites/{s}/results", tenant.siteId()).then().statusCode(401);
        given().get("/api/v1/sites/{s}/results/latest", tenant.siteId()).then().statusCode(401);
    }
}
