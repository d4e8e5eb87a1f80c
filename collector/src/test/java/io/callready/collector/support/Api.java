package io.callready.collector.support;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Calls to the collector API that many tests need, with the admin token the app generated at startup. */
public final class Api {
    /** {@code %test.callready.data-dir} in application.properties. */
    public static final Path TEST_DATA_DIR = Path.of("target/test-data");

    private Api() {
    }

    public static String adminToken() {
        try {
            return Files.readString(TEST_DATA_DIR.resolve("admin-token")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the app should have generated the admin token at startup", e);
        }
    }

    public static RequestSpecification asAdmin() {
        return given().header("Authorization", "Bearer " + adminToken()).contentType(ContentType.JSON);
    }

    /** A staff token made by the bootstrap admin; {@code customerId} null for all customers. */
    public static String staffToken(String role, UUID customerId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "test-" + role + "-" + UUID.randomUUID().toString().substring(0, 8), "role", role));
        if (customerId != null) {
            body.put("customerId", customerId.toString());
        }
        return asAdmin().body(body).post("/api/v1/tokens").then().statusCode(201).extract().path("token");
    }

    public static RequestSpecification as(String staffToken) {
        return given().header("Authorization", "Bearer " + staffToken).contentType(ContentType.JSON);
    }

    public static RequestSpecification asAgent(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** A fresh customer with one site and one enrolled agent. */
    public static TestTenant newTenant() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String customerId = asAdmin().body(Map.of("name", "customer-" + suffix))
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
        String siteId = asAdmin().body(Map.of("name", "site-" + suffix))
                .post("/api/v1/customers/{c}/sites", customerId).then().statusCode(201).extract().path("id");
        var agent = asAdmin().body(Map.of("name", "agent-" + suffix))
                .post("/api/v1/sites/{s}/agents", siteId).then().statusCode(201).extract();
        return new TestTenant(UUID.fromString(customerId), UUID.fromString(siteId),
                UUID.fromString(agent.path("id")), agent.path("token"));
    }

    public record TestTenant(UUID customerId, UUID siteId, UUID agentId, String token) {
    }
}
