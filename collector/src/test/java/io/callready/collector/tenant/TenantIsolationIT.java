package io.callready.collector.tenant;

import io.callready.collector.support.Api;
import io.callready.collector.support.Api.TestTenant;
import io.callready.collector.support.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Two customers, A and B; tokens of A must not see or touch B, and read-only tokens must not write at all. */
@QuarkusTest
class TenantIsolationIT {
    private TestTenant a;
    private TestTenant b;

    @BeforeEach
    void twoCustomers() {
        a = Api.newTenant();
        b = Api.newTenant();
        Api.asAgent(b.token()).body(Payloads.render(Payloads.ROOT.resolve("valid/minimal.json"), b.agentId()))
                .post("/api/v1/results").then().statusCode(200);
    }

    @Test
    void readOnlyTokenOfASeesNothingOfB() {
        String readOnlyA = Api.staffToken("read_only", a.customerId());

        List<String> customers = Api.as(readOnlyA).get("/api/v1/customers").then().statusCode(200).extract().path("id");
        assertThat(customers).containsExactly(a.customerId().toString());

        for (String path : List.of("/api/v1/customers/" + b.customerId(), "/api/v1/customers/" + b.customerId() + "/sites",
                "/api/v1/sites/" + b.siteId(), "/api/v1/sites/" + b.siteId() + "/agents",
                "/api/v1/sites/" + b.siteId() + "/results", "/api/v1/sites/" + b.siteId() + "/results/latest",
                "/api/v1/agents/" + b.agentId())) {
            Api.as(readOnlyA).get(path).then().statusCode(404).contentType("application/problem+json");
        }
        // the same answer as for an id that does not exist at all
        Api.as(readOnlyA).get("/api/v1/sites/{s}", b.siteId()).then().body("detail", equalTo("No site " + b.siteId()));

        Api.as(readOnlyA).get("/api/v1/sites/{s}/results/latest", a.siteId()).then().statusCode(200);
        Api.as(readOnlyA).get("/api/v1/sites/{s}/agents", a.siteId()).then().statusCode(200).body("[0].id", equalTo(a.agentId().toString()));
    }

    @Test
    void readOnlyTokenCannotWriteEvenInItsOwnCustomer() {
        String readOnlyA = Api.staffToken("read_only", a.customerId());
        Api.as(readOnlyA).body(Map.of("name", "x")).post("/api/v1/customers/{c}/sites", a.customerId())
                .then().statusCode(403).contentType("application/problem+json").body("detail", containsString("read-only"));
        Api.as(readOnlyA).body(Map.of("name", "x")).patch("/api/v1/sites/{s}", a.siteId()).then().statusCode(403);
        Api.as(readOnlyA).delete("/api/v1/agents/{a}", a.agentId()).then().statusCode(403);
        Api.as(readOnlyA).post("/api/v1/agents/{a}/revoke", a.agentId()).then().statusCode(403);
        Api.as(readOnlyA).get("/api/v1/tokens").then().statusCode(403);

        String readOnlyAll = Api.staffToken("read_only", null);
        Api.as(readOnlyAll).body(Map.of("name", "x")).post("/api/v1/customers").then().statusCode(403);
        Api.as(readOnlyAll).get("/api/v1/sites/{s}", b.siteId()).then().statusCode(200);
    }

    @Test
    void adminTokenOfACannotWriteB() {
        String adminA = Api.staffToken("admin", a.customerId());
        // B's ids answer like ids that do not exist (ForeignIdIT compares every route).
        Api.as(adminA).body(Map.of("name", "intruder")).post("/api/v1/customers/{c}/sites", b.customerId()).then().statusCode(404)
                .body("detail", equalTo("No customer " + b.customerId()));
        Api.as(adminA).body(Map.of("name", "intruder")).patch("/api/v1/sites/{s}", b.siteId()).then().statusCode(404);
        Api.as(adminA).body(Map.of("name", "intruder")).post("/api/v1/sites/{s}/agents", b.siteId()).then().statusCode(404);
        Api.as(adminA).delete("/api/v1/agents/{a}", b.agentId()).then().statusCode(404);
        Api.as(adminA).delete("/api/v1/sites/{s}", b.siteId()).then().statusCode(404);
        Api.as(adminA).body(Map.of("name", "new customer")).post("/api/v1/customers").then().statusCode(403);
        Api.as(adminA).body(Map.of("name", "t", "role", "admin", "customerId", b.customerId().toString()))
                .post("/api/v1/tokens").then().statusCode(400).body("errors[0].field", equalTo("customerId"));
        Api.asAdmin().get("/api/v1/sites/{s}", b.siteId()).then().statusCode(200).body("name", containsString("site-"));

        Api.as(adminA).body(Map.of("name", "branch")).post("/api/v1/customers/{c}/sites", a.customerId()).then().statusCode(201);
        // a token minted by a scoped admin is scoped the same way, even when the request leaves customerId out
        Api.as(adminA).body(Map.of("name", "helper", "role", "read_only")).post("/api/v1/tokens")
                .then().statusCode(201).body("customerId", equalTo(a.customerId().toString()));
        List<String> scopes = Api.as(adminA).get("/api/v1/tokens").then().statusCode(200).extract().path("customerId");
        assertThat(scopes).isNotEmpty().containsOnly(a.customerId().toString());
    }

    @Test
    void agentTokenCannotWriteAnotherSitesResults() {
        Api.asAgent(a.token()).body(Payloads.render(Payloads.ROOT.resolve("valid/minimal.json"), b.agentId()))
                .post("/api/v1/results").then().statusCode(403).contentType("application/problem+json")
                .body("errors[0].field", equalTo("results[0].agentId"));
    }

    @Test
    void revokedAndDeletedStaffTokensAreRefused() {
        var created = Api.asAdmin().body(Map.of("name", "soon revoked", "role", "admin")).post("/api/v1/tokens")
                .then().statusCode(201).extract();
        String token = created.path("token");
        Api.as(token).get("/api/v1/customers").then().statusCode(200);
        Api.asAdmin().post("/api/v1/tokens/{id}/revoke", (String) created.path("id")).then().statusCode(200);
        Api.as(token).get("/api/v1/customers").then().statusCode(401).body("detail", containsString("revoked"));

        var other = Api.asAdmin().body(Map.of("name", "soon deleted", "role", "read_only")).post("/api/v1/tokens").then().extract();
        Api.asAdmin().delete("/api/v1/tokens/{id}", (String) other.path("id")).then().statusCode(204);
        Api.as(other.path("token")).get("/api/v1/customers").then().statusCode(401);
    }

    @Test
    void revokedAgentTokenIsRefused() {
        Api.asAdmin().post("/api/v1/agents/{id}/revoke", b.agentId()).then().statusCode(200);
        Api.asAgent(b.token()).body(Payloads.render(Payloads.ROOT.resolve("valid/minimal.json"), b.agentId()))
                .post("/api/v1/results").then().statusCode(401);
    }
}
