package io.callready.collector.enroll;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.auth.Tokens;
import io.callready.collector.support.Api;
import io.callready.collector.support.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class EnrollmentIT {
    @Inject
    AgroalDataSource db;

    private static String issue(UUID siteId) {
        return Api.asAdmin().body("{}").post("/api/v1/sites/{s}/enrollment-codes", siteId)
                .then().statusCode(201).body("siteId", equalTo(siteId.toString())).extract().path("code");
    }

    private static io.restassured.response.ValidatableResponse enroll(String code, String name) {
        return given().contentType(ContentType.JSON).body(Map.of("code", code, "name", name)).post("/api/v1/enroll").then();
    }

    @Test
    void codeIsExchangedOnceForAWorkingAgentToken() {
        Api.TestTenant tenant = Api.newTenant();
        String code = issue(tenant.siteId());
        assertThat(code).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");

        var agent = enroll(code.toLowerCase(), "pbx-closet").statusCode(201)
                .body("siteId", equalTo(tenant.siteId().toString()))
                .body("customerId", equalTo(tenant.customerId().toString()))
                .body("name", equalTo("pbx-closet")).extract();
        String token = agent.path("token");
        UUID agentId = UUID.fromString(agent.path("id"));
        assertThat(token).startsWith(Tokens.AGENT_PREFIX);

        Api.asAgent(token).body(Payloads.render(Payloads.ROOT.resolve("valid/minimal.json"), agentId))
                .post("/api/v1/results").then().statusCode(200);

        enroll(code, "second-box").statusCode(403).contentType("application/problem+json")
                .body("errors[0].field", equalTo("code")).body("detail", containsString("already used"));
    }

    @Test
    void expiredAndUnknownCodesAreRefused() throws Exception {
        Api.TestTenant tenant = Api.newTenant();
        String code = issue(tenant.siteId());
        try (Connection c = db.getConnection();
             PreparedStatement expire = c.prepareStatement("UPDATE enrollment_codes SET expires_at = now() - interval '1 second' WHERE code_hash = ?")) {
            expire.setString(1, EnrollmentCodes.hash(code));
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }
        enroll(code, "late").statusCode(403);
        enroll("AAAA-BBBB-CCCC", "guess").statusCode(403);
    }

    @Test
    void badRequestsAre400NamingTheField() {
        Api.TestTenant tenant = Api.newTenant();
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).post("/api/v1/enroll")
                .then().statusCode(400).body("errors[0].field", equalTo("code"));
        enroll(issue(tenant.siteId()), " ").statusCode(400).body("errors[0].field", equalTo("name"));
        Api.asAdmin().body(Map.of("ttl", "forever")).post("/api/v1/sites/{s}/enrollment-codes", tenant.siteId())
                .then().statusCode(400).body("errors[0].field", equalTo("ttl"));
        Api.asAdmin().body(Map.of("ttl", "200h")).post("/api/v1/sites/{s}/enrollment-codes", tenant.siteId())
                .then().statusCode(400).body("errors[0].field", equalTo("ttl"));
        Api.asAdmin().body(Map.of("ttl", "30m")).post("/api/v1/sites/{s}/enrollment-codes", tenant.siteId()).then().statusCode(201);
    }

    @Test
    void onlyAnAdminOfTheSitesCustomerCanIssueCodes() {
        Api.TestTenant a = Api.newTenant();
        Api.TestTenant b = Api.newTenant();
        Api.as(Api.staffToken("read_only", a.customerId())).body("{}").post("/api/v1/sites/{s}/enrollment-codes", a.siteId())
                .then().statusCode(403);
        Api.as(Api.staffToken("admin", a.customerId())).body("{}").post("/api/v1/sites/{s}/enrollment-codes", b.siteId())
                .then().statusCode(404);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/sites/{s}/enrollment-codes", a.siteId()).then().statusCode(401);
    }

    @Test
    void codeNormalisationForgivesCaseDashesAndLookAlikes() {
        assertThat(EnrollmentCodes.normalise("ab1o-L2i0 ")).isEqualTo("AB101210");
    }
}
