package io.callready.collector.tenant;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.auth.Tokens;
import io.callready.collector.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class TenantApiIT {
    @Inject
    AgroalDataSource db;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void customersCanBeCreatedListedAndAreUniqueByName() {
        String name = unique("Acme Dental");
        String id = Api.asAdmin().body(Map.of("name", "  " + name + " ")).post("/api/v1/customers")
                .then().statusCode(201).body("name", equalTo(name)).body("id", matchesPattern("[0-9a-f-]{36}"))
                .extract().path("id");

        List<Map<String, Object>> all = Api.asAdmin().get("/api/v1/customers").then().statusCode(200).extract().path("$");
        assertThat(all).anySatisfy(c -> assertThat(c).containsEntry("id", id).containsEntry("name", name));

        Api.asAdmin().body(Map.of("name", name)).post("/api/v1/customers")
                .then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("name")).body("detail", containsString(name));
    }

    @Test
    void badNamesAre400() {
        Api.asAdmin().body(Map.of("name", "   ")).post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("name"));
        Api.asAdmin().body("{}").post("/api/v1/customers").then().statusCode(400).body("errors[0].field", equalTo("name"));
        Api.asAdmin().body(Map.of("name", "x".repeat(201))).post("/api/v1/customers").then().statusCode(400);
        Api.asAdmin().body("{\"name\": 5").post("/api/v1/customers").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void sitesBelongToACustomerAndAreUniqueWithinIt() {
        String customerA = Api.asAdmin().body(Map.of("name", unique("A"))).post("/api/v1/customers").then().extract().path("id");
        String customerB = Api.asAdmin().body(Map.of("name", unique("B"))).post("/api/v1/customers").then().extract().path("id");

        Api.asAdmin().body(Map.of("name", "Head office")).post("/api/v1/customers/{c}/sites", customerA)
                .then().statusCode(201).body("customerId", equalTo(customerA)).body("name", equalTo("Head office"));
        Api.asAdmin().body(Map.of("name", "Head office")).post("/api/v1/customers/{c}/sites", customerB).then().statusCode(201);
        Api.asAdmin().body(Map.of("name", "Head office")).post("/api/v1/customers/{c}/sites", customerA)
                .then().statusCode(409).contentType("application/problem+json");

        List<String> names = Api.asAdmin().get("/api/v1/customers/{c}/sites", customerA).then().statusCode(200).extract().path("name");
        assertThat(names).containsExactly("Head office");
    }

    @Test
    void unknownIdsAre404Problems() {
        UUID nobody = UUID.randomUUID();
        Api.asAdmin().body(Map.of("name", "x")).post("/api/v1/customers/{c}/sites", nobody)
                .then().statusCode(404).contentType("application/problem+json").body("detail", containsString(nobody.toString()));
        Api.asAdmin().get("/api/v1/customers/{c}/sites", nobody).then().statusCode(404);
        Api.asAdmin().body(Map.of("name", "x")).post("/api/v1/sites/{s}/agents", nobody).then().statusCode(404);
        Api.asAdmin().get("/api/v1/sites/{s}/agents", nobody).then().statusCode(404);
        Api.asAdmin().post("/api/v1/agents/{a}/revoke", nobody).then().statusCode(404).contentType("application/problem+json");
        Api.asAdmin().get("/api/v1/customers/not-a-uuid/sites").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void agentTokenIsShownOnceAndStoredOnlyAsItsHash() throws Exception {
        Api.TestTenant tenant = Api.newTenant();
        assertThat(tenant.token()).matches("cra_[A-Za-z0-9_-]{43}");

        Api.asAdmin().get("/api/v1/sites/{s}/agents", tenant.siteId())
                .then().statusCode(200)
                .body("[0].id", equalTo(tenant.agentId().toString()))
                .body("[0].customerId", equalTo(tenant.customerId().toString()))
                .body("[0]", not(hasKey("token")))
                .body("[0]", not(hasKey("tokenHash")));

        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("SELECT token_hash FROM agents WHERE id = ?")) {
            q.setObject(1, tenant.agentId());
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(Tokens.sha256Hex(tenant.token())).doesNotContain(tenant.token());
            }
        }
    }

    @Test
    void activeAgentNamesAreUniquePerSiteButARevokedNameCanBeReused() {
        Api.TestTenant tenant = Api.newTenant();
        String name = Api.asAdmin().get("/api/v1/sites/{s}/agents", tenant.siteId()).then().extract().path("[0].name");
        Api.asAdmin().body(Map.of("name", name)).post("/api/v1/sites/{s}/agents", tenant.siteId()).then().statusCode(409);
        Api.asAdmin().post("/api/v1/agents/{a}/revoke", tenant.agentId()).then().statusCode(200);
        Api.asAdmin().body(Map.of("name", name)).post("/api/v1/sites/{s}/agents", tenant.siteId()).then().statusCode(201);
    }

    @Test
    void adminEndpointsNeedTheAdminToken() {
        given().get("/api/v1/customers").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        given().header("Authorization", "Bearer wrong-token-wrong-token").get("/api/v1/customers").then().statusCode(401);
        Api.TestTenant tenant = Api.newTenant();
        given().header("Authorization", "Bearer " + tenant.token()).get("/api/v1/customers").then().statusCode(401);
    }

    @Test
    void generatedAdminTokenFileIsPrivate() throws Exception {
        var file = Api.TEST_DATA_DIR.resolve("admin-token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Api.adminToken()).startsWith("cra_admin_").hasSizeGreaterThan(40);
    }
}
