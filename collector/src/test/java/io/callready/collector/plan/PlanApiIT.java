package io.callready.collector.plan;

import io.callready.collector.support.Api;
import io.callready.collector.support.Api.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class PlanApiIT {
    private static final Path INVALID = Path.of("src/test/resources/plans/invalid");
    private static final String CUSTOMER_PLAN = """
            {"probes": [
              {"kind": "rtp_burst", "name": "pbx", "reflector": "pbx.example.net:5004", "interval": "5m"},
              {"kind": "rtp_burst", "name": "trunk", "reflector": "trunk.example.net:5004", "codec": "g722"}
            ]}""";

    @TestFactory
    Stream<DynamicTest> badPlansAreRefusedAtSaveNamingTheField() throws IOException {
        TestTenant tenant = Api.newTenant();
        try (Stream<Path> files = Files.list(INVALID)) {
            List<Path> cases = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertThat(cases).hasSizeGreaterThanOrEqualTo(15);
            return cases.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                List<String> expected = Files.readAllLines(Path.of(file.toString().replace(".json", ".expected")));
                Api.asAdmin().body(Files.readString(file)).put("/api/v1/customers/{c}/plan", tenant.customerId())
                        .then().statusCode(400).contentType("application/problem+json")
                        .body("errors[0].field", equalTo(expected.get(0)))
                        .body("errors[0].message", containsString(expected.get(1)))
                        .body(org.hamcrest.Matchers.not(containsString("io.callready")))
                        .body(org.hamcrest.Matchers.not(containsString("java.")));
            }));
        }
    }

    @Test
    void customerPlanWithSiteOverrideGivesTheEffectivePlanByName() {
        TestTenant tenant = Api.newTenant();
        Api.asAdmin().body(CUSTOMER_PLAN).put("/api/v1/customers/{c}/plan", tenant.customerId())
                .then().statusCode(200).body("probes[1].ptime_ms", equalTo(20)).body("probes[0].dscp", equalTo(46));
        Api.asAdmin().get("/api/v1/customers/{c}/plan", tenant.customerId()).then().statusCode(200).body("probes.name", equalTo(List.of("pbx", "trunk")));

        Api.asAdmin().body("""
                {"probes": [
                  {"kind": "rtp_burst", "name": "branch-dc", "reflector": "dc.example.net:5004"},
                  {"kind": "rtp_burst", "name": "pbx", "reflector": "pbx.example.net:5004", "interval": "1m", "dscp": 0}
                ], "remove": ["trunk"]}""").put("/api/v1/sites/{s}/plan", tenant.siteId()).then().statusCode(200);

        Api.asAdmin().get("/api/v1/sites/{s}/plan/effective", tenant.siteId()).then().statusCode(200)
                .body("probes.name", equalTo(List.of("pbx", "branch-dc")))
                .body("probes[0].interval", equalTo("1m")).body("probes[0].dscp", equalTo(0));

        Api.asAdmin().delete("/api/v1/sites/{s}/plan", tenant.siteId()).then().statusCode(204);
        Api.asAdmin().get("/api/v1/sites/{s}/plan", tenant.siteId()).then().statusCode(404);
        Api.asAdmin().get("/api/v1/sites/{s}/plan/effective", tenant.siteId()).then().body("probes.name", equalTo(List.of("pbx", "trunk")));
    }

    @Test
    void agentGetsItsEffectivePlanWithETagAnd304WhenUnchanged() {
        TestTenant tenant = Api.newTenant();
        var empty = Api.asAgent(tenant.token()).get("/api/v1/agent/plan").then().statusCode(200)
                .body("probes.size()", equalTo(0)).extract();
        String emptyTag = empty.header("ETag");
        assertThat(emptyTag).matches("\"[0-9a-f]{32}\"");

        Api.asAdmin().body(CUSTOMER_PLAN).put("/api/v1/customers/{c}/plan", tenant.customerId()).then().statusCode(200);
        var first = Api.asAgent(tenant.token()).header("If-None-Match", emptyTag).get("/api/v1/agent/plan")
                .then().statusCode(200).body("probes.name", equalTo(List.of("pbx", "trunk"))).extract();
        String tag = first.header("ETag");
        assertThat(tag).isNotEqualTo(emptyTag);

        Api.asAgent(tenant.token()).header("If-None-Match", tag).get("/api/v1/agent/plan").then().statusCode(304);
        Api.asAgent(tenant.token()).header("If-None-Match", "W/" + tag).get("/api/v1/agent/plan").then().statusCode(304);

        Api.asAdmin().body("{\"remove\": [\"trunk\"]}").put("/api/v1/sites/{s}/plan", tenant.siteId()).then().statusCode(200);
        Api.asAgent(tenant.token()).header("If-None-Match", tag).get("/api/v1/agent/plan")
                .then().statusCode(200).body("probes.name", equalTo(List.of("pbx")));
    }

    @Test
    void planAccessIsScopedLikeEverythingElse() {
        TestTenant a = Api.newTenant();
        TestTenant b = Api.newTenant();
        Api.asAdmin().body(CUSTOMER_PLAN).put("/api/v1/customers/{c}/plan", b.customerId()).then().statusCode(200);
        String readOnlyA = Api.staffToken("read_only", a.customerId());
        String adminA = Api.staffToken("admin", a.customerId());
        Api.as(readOnlyA).get("/api/v1/customers/{c}/plan", b.customerId()).then().statusCode(404);
        Api.as(readOnlyA).get("/api/v1/sites/{s}/plan/effective", b.siteId()).then().statusCode(404);
        Api.as(readOnlyA).body(CUSTOMER_PLAN).put("/api/v1/customers/{c}/plan", a.customerId()).then().statusCode(403);
        Api.as(adminA).body(CUSTOMER_PLAN).put("/api/v1/customers/{c}/plan", b.customerId()).then().statusCode(404);
        Api.as(adminA).body("{}").put("/api/v1/sites/{s}/plan", b.siteId()).then().statusCode(404);
        Api.as(adminA).body(CUSTOMER_PLAN).put("/api/v1/customers/{c}/plan", a.customerId()).then().statusCode(200);
        given().get("/api/v1/agent/plan").then().statusCode(401);
        Api.asAgent(Api.adminToken()).get("/api/v1/agent/plan").then().statusCode(401);
    }

    @Test
    void badSiteOverridesAreRefused() {
        TestTenant tenant = Api.newTenant();
        Api.asAdmin().body("{\"probes\": [{\"kind\": \"rtp_burst\", \"name\": \"a\", \"reflector\": \"r.example.net:1\"}], \"remove\": [\"a\"]}")
                .put("/api/v1/sites/{s}/plan", tenant.siteId())
                .then().statusCode(400).body("errors[0].field", equalTo("remove"));
        Api.asAdmin().body("{\"remove\": \"a\"}").put("/api/v1/sites/{s}/plan", tenant.siteId())
                .then().statusCode(400).body("errors[0].field", equalTo("remove"));
    }
}
