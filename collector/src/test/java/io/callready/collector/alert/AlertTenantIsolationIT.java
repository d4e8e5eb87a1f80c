package io.callready.collector.alert;

import io.callready.collector.support.Api;
import io.callready.collector.support.Api.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Alerts, incidents, thresholds, silences and channels are scoped by the staff token like every other tenant datum. */
@QuarkusTest
class AlertTenantIsolationIT {
    private TestTenant a;
    private TestTenant b;

    @BeforeEach
    void twoCustomers() {
        a = Api.newTenant();
        b = Api.newTenant();
    }

    @Test
    void readOnlyTokenOfAReadsAOnlyAndWritesNothing() {
        String readOnlyA = Api.staffToken("read_only", a.customerId());
        for (String path : List.of("/api/v1/customers/" + b.customerId() + "/alerts",
                "/api/v1/customers/" + b.customerId() + "/incidents",
                "/api/v1/customers/" + b.customerId() + "/thresholds",
                "/api/v1/customers/" + b.customerId() + "/silences",
                "/api/v1/sites/" + b.siteId() + "/thresholds")) {
            Api.as(readOnlyA).get(path).then().statusCode(404).contentType("application/problem+json");
        }
        Api.as(readOnlyA).get("/api/v1/customers/{c}/alerts", a.customerId()).then().statusCode(200);
        Api.as(readOnlyA).get("/api/v1/sites/{s}/thresholds", a.siteId()).then().statusCode(200);
        Api.as(readOnlyA).get("/api/v1/alerts").then().statusCode(200);
        Api.as(readOnlyA).body(Map.of("duration", "1h", "comment", "x"))
                .post("/api/v1/customers/{c}/silences", a.customerId()).then().statusCode(403);
        Api.as(readOnlyA).get("/api/v1/channels").then().statusCode(403);
    }

    @Test
    void adminTokenOfACannotChangeBOrChannels() {
        String adminA = Api.staffToken("admin", a.customerId());
        Api.as(adminA).body(Map.of("duration", "1h", "comment", "x"))
                .post("/api/v1/customers/{c}/silences", b.customerId()).then().statusCode(404);
        Api.as(adminA).body(Map.of("jitter_ms", Map.of("warning", 25, "critical", 40)))
                .put("/api/v1/sites/{s}/thresholds", b.siteId()).then().statusCode(404);
        Api.as(adminA).body(Map.of("jitter_ms", Map.of("warning", 25, "critical", 40)))
                .put("/api/v1/customers/{c}/thresholds", b.customerId()).then().statusCode(404);
        // B's site in A's silence is refused in the words an unknown site gets.
        String refusedForB = Api.as(adminA).body(Map.of("siteId", b.siteId().toString(), "duration", "1h", "comment", "x"))
                .post("/api/v1/customers/{c}/silences", a.customerId()).then().statusCode(400).extract().path("errors[0].message");
        UUID unknown = java.util.UUID.randomUUID();
        String refusedUnknown = Api.as(adminA).body(Map.of("siteId", unknown.toString(), "duration", "1h", "comment", "x"))
                .post("/api/v1/customers/{c}/silences", a.customerId()).then().statusCode(400).extract().path("errors[0].message");
        assertThat(refusedForB.replace(b.siteId().toString(), "ID"))
                .isEqualTo(refusedUnknown.replace(unknown.toString(), "ID"));
        Api.as(adminA).get("/api/v1/channels").then().statusCode(403).contentType("application/problem+json");

        Api.as(adminA).body(Map.of("duration", "1h", "comment", "maintenance"))
                .post("/api/v1/customers/{c}/silences", a.customerId()).then().statusCode(201);
        Api.as(adminA).body(Map.of("jitter_ms", Map.of("warning", 25, "critical", 40)))
                .put("/api/v1/sites/{s}/thresholds", a.siteId()).then().statusCode(200);
    }
}
