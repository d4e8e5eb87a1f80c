package io.callready.collector.ingest;

import io.callready.collector.support.Api;
import io.callready.collector.support.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class IngestAuthIT {

    private static String validBody(Api.TestTenant tenant) {
        return Payloads.render(Payloads.ROOT.resolve("valid/minimal.json"), tenant.agentId());
    }

    @Test
    void withoutTokenIs401ProblemWithBearerChallenge() {
        given().contentType(ContentType.JSON).body("{\"results\": []}")
                .post("/api/v1/results")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"))
                .body(not(containsString("Exception")));
    }

    @Test
    void withoutTokenThe401ComesBeforeTheBodyIsRead() {
        given().contentType(ContentType.JSON).body("{ this is not json")
                .post("/api/v1/results")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void otherAuthSchemeIs401() {
        given().contentType(ContentType.JSON).header("Authorization", "Basic dXNlcjpwYXNz").body("{}")
                .post("/api/v1/results")
                .then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void unknownTokenIs401() {
        Api.TestTenant tenant = Api.newTenant();
        Api.asAgent("cra_not-a-real-token").body(validBody(tenant))
                .post("/api/v1/results")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", containsString("Unknown agent token"));
    }

    @Test
    void adminTokenIsNotAnAgentToken() {
        Api.TestTenant tenant = Api.newTenant();
        Api.asAgent(Api.adminToken()).body(validBody(tenant))
                .post("/api/v1/results")
                .then().statusCode(401);
    }

    @Test
    void revokedAgentIs401() {
        Api.TestTenant tenant = Api.newTenant();
        Api.asAgent(tenant.token()).body(validBody(tenant)).post("/api/v1/results").then().statusCode(200);

        Api.asAdmin().post("/api/v1/agents/{id}/revoke", tenant.agentId())
                .then().statusCode(200).body("revokedAt", not(equalTo(null)));

        Api.asAgent(tenant.token()).body(validBody(tenant))
                .post("/api/v1/results")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("revoked"));
    }
}
