package io.callready.collector.ops;

import io.callready.collector.support.Api;
import io.callready.collector.support.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class OperationsEndpointsIT {

    @Test
    void healthIsUpAndIncludesTheDatabase() {
        given().get("/q/health").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsExposeTheIngestCounterInPrometheusFormat() {
        Api.TestTenant tenant = Api.newTenant();
        Api.asAgent(tenant.token()).body(Payloads.render(Payloads.ROOT.resolve("valid/minimal.json"), tenant.agentId()))
                .post("/api/v1/results").then().statusCode(200);
        given().header("Accept", "text/plain; version=0.0.4").get("/q/metrics").then().statusCode(200)
                .body(containsString("callready_results_ingested_total{outcome=\"accepted\""))
                .body(containsString("callready_results_ingested_total{outcome=\"duplicate\""))
                .body(containsString("callready_reflector_packets_received_total"));
    }

    @Test
    void openApiDescribesTheApiAndItsBearerSchemes() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/results"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/customers"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/sites/{siteId}/results/latest"))
                .body("components.securitySchemes.admin.scheme", equalTo("bearer"))
                .body("components.securitySchemes.agent.scheme", equalTo("bearer"));
    }
}
