package io.callready.collector.token;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.auth.Tokens;
import io.callready.collector.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class TokenApiIT {
    @Inject
    AgroalDataSource db;

    @Test
    void tokenIsShownOnceStoredHashedAndCanBeRenamedAndRoleChanged() throws Exception {
        var created = Api.asAdmin().body(Map.of("name", "noc wallboard", "role", "read_only")).post("/api/v1/tokens")
                .then().statusCode(201).body("role", equalTo("read_only")).body("customerId", nullValue()).extract();
        String id = created.path("id");
        String token = created.path("token");
        assertThat(token).matches("crs_[A-Za-z0-9_-]{43}");

        Api.asAdmin().get("/api/v1/tokens/{id}", id).then().statusCode(200).body("$", not(hasKey("token")));
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("SELECT token_hash FROM staff_tokens WHERE id = ?")) {
            q.setObject(1, UUID.fromString(id));
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(Tokens.sha256Hex(token));
            }
        }

        Api.as(token).body(Map.of("name", "x")).post("/api/v1/customers").then().statusCode(403);
        Api.asAdmin().body(Map.of("name", "noc admin", "role", "admin")).patch("/api/v1/tokens/{id}", id)
                .then().statusCode(200).body("name", equalTo("noc admin")).body("role", equalTo("admin"));
        Api.as(token).body(Map.of("name", "made by a promoted token " + UUID.randomUUID())).post("/api/v1/customers").then().statusCode(201);
    }

    @Test
    void badTokenRequestsAre400NamingTheField() {
        Api.asAdmin().body(Map.of("name", "x", "role", "superuser")).post("/api/v1/tokens")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("role"));
        Api.asAdmin().body(Map.of("name", "x")).post("/api/v1/tokens").then().statusCode(400).body("errors[0].field", equalTo("role"));
        Api.asAdmin().body(Map.of("role", "admin")).post("/api/v1/tokens").then().statusCode(400).body("errors[0].field", equalTo("name"));
        Api.asAdmin().body(Map.of("name", "x", "role", "admin", "customerId", UUID.randomUUID().toString())).post("/api/v1/tokens")
                .then().statusCode(400).body("errors[0].field", equalTo("customerId"));
        Api.asAdmin().body(Map.of("name", "x", "role", "admin", "customerId", "nope")).post("/api/v1/tokens")
                .then().statusCode(400).body("errors[0].field", equalTo("customerId"));
    }
}
