package io.callready.collector.ingest;

import io.callready.collector.support.Api;
import io.callready.collector.support.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The invalid-payload corpus and the other ways a request can be wrong: always 4xx problem+json, never a stack trace. */
@QuarkusTest
class IngestValidationIT {
    private Api.TestTenant tenant;

    @BeforeEach
    void enroll() {
        tenant = Api.newTenant();
    }

    @TestFactory
    Stream<DynamicTest> invalidCorpusIsRejectedWithItsExpectedError() {
        List<Path> cases = Payloads.list("invalid", ".json");
        assertThat(cases).hasSizeGreaterThanOrEqualTo(12);
        return cases.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            List<String> expected = Files.readAllLines(Path.of(file.toString().replace(".json", ".expected")));
            int status = Integer.parseInt(expected.getFirst().strip());
            Response response = Api.asAgent(tenant.token()).body(Payloads.render(file, tenant.agentId())).post("/api/v1/results");
            String body = response.asString();
            assertThat(response.statusCode()).as(body).isEqualTo(status);
            assertThat(response.contentType()).startsWith("application/problem+json");
            for (String fragment : expected.subList(1, expected.size())) {
                assertThat(body).contains(fragment.strip());
            }
            assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("io.callready");
        }));
    }

    /** Before issue 9 one bad result refused the whole batch; now the good ones are stored and the bad one named. */
    @Test
    void mixedBatchStoresTheValidResultsAndNamesTheInvalidOneByIndex() {
        String body = Payloads.render(Payloads.ROOT.resolve("mixed/second-result-bad.json"), tenant.agentId());
        String goodId = io.restassured.path.json.JsonPath.from(body).getString("results[0].id");
        String badId = io.restassured.path.json.JsonPath.from(body).getString("results[1].id");
        Api.asAgent(tenant.token()).body(body).post("/api/v1/results")
                .then().statusCode(200).contentType("application/json")
                .body("accepted", equalTo(1)).body("duplicates", equalTo(0))
                .body("rejected.size()", equalTo(1))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].id", equalTo(badId))
                .body("rejected[0].errors[0].field", equalTo("results[1].metrics.jitter_up_ms"))
                .body("rejected[0].errors[0].message", containsString("between 0 and"));
        Api.asAdmin().get("/api/v1/sites/{s}/results", tenant.siteId())
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].id", equalTo(goodId));
    }

    @Test
    void unreadableResultIsRejectedAloneWithNullId() {
        String good = "{\"id\":\"%s\",\"agentId\":\"%s\",\"kind\":\"rtp_burst\",\"target\":\"t\",\"startedAt\":\"%s\",\"durationMs\":5,\"status\":\"ok\",\"reason\":\"\"}";
        String id = java.util.UUID.randomUUID().toString();
        String body = "{\"results\":[" + good.formatted(id, tenant.agentId(), java.time.Instant.now().minusSeconds(30)) + ",{\"id\":null}]}";
        Api.asAgent(tenant.token()).body(body).post("/api/v1/results")
                .then().statusCode(200).body("accepted", equalTo(1))
                .body("rejected[0].index", equalTo(1)).body("rejected[0].id", equalTo(null))
                .body("rejected[0].errors.field", org.hamcrest.Matchers.hasItem("results[1].durationMs"));
        Api.asAgent(tenant.token()).body(body).post("/api/v1/results")
                .then().statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(1));
    }

    @Test
    void batchWithNoValidResultIs400NamingEveryFieldAndCarryingRejected() {
        String body = Payloads.render(Payloads.ROOT.resolve("invalid/negative-ms.json"), tenant.agentId());
        Api.asAgent(tenant.token()).body(body).post("/api/v1/results")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("results[0].metrics.rtt_ms"))
                .body("rejected[0].index", equalTo(0))
                .body("rejected[0].errors[0].field", equalTo("results[0].metrics.rtt_ms"));
    }

    @Test
    void batchLevelFaultCarriesNoRejected() {
        Api.asAgent(tenant.token()).body("{\"results\":[]}").post("/api/v1/results")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("results")).body("rejected", equalTo(null));
    }

    @Test
    void resultOfAnotherAgentIs403NamingTheField() {
        Api.TestTenant other = Api.newTenant();
        String own = Payloads.render(Payloads.ROOT.resolve("valid/several-kinds-of-outcome.json"), tenant.agentId());
        int last = own.lastIndexOf(tenant.agentId().toString());
        String body = own.substring(0, last) + other.agentId() + own.substring(last + 36);
        Api.asAgent(tenant.token()).body(body).post("/api/v1/results")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("results[2].agentId"))
                .body("detail", containsString(tenant.agentId().toString()));
    }

    /** With Expect: 100-continue the collector refuses by Content-Length alone, before the body is sent. */
    @Test
    void bodyOverTheLimitIs413Problem() throws Exception {
        byte[] huge = new byte[9 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/results"))
                .header("Authorization", "Bearer " + tenant.token())
                .header("Content-Type", "application/json")
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge))
                .build();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(response.body()).contains("\"status\":413");
        }
    }

    /** 20 MiB of JSON whitespace in 20 KiB of gzip: refused once the inflated body passes the limit. */
    @Test
    void gzipBombIs413Problem() throws IOException {
        byte[] inflated = new byte[20 * 1024 * 1024];
        java.util.Arrays.fill(inflated, (byte) ' ');
        inflated[0] = '{';
        Response response = Api.asAgent(tenant.token()).header("Content-Encoding", "gzip").body(gzip(inflated)).post("/api/v1/results");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void gzipBodyIsAccepted() throws IOException {
        byte[] body = Payloads.render(Payloads.ROOT.resolve("valid/full-rtp-burst.json"), tenant.agentId()).getBytes(StandardCharsets.UTF_8);
        Api.asAgent(tenant.token()).header("Content-Encoding", "gzip").body(gzip(body)).post("/api/v1/results")
                .then().statusCode(200).body("accepted", equalTo(1));
    }

    /** The JDK client tries an h2c upgrade on its first request, as the agent's client would without HTTP/1.1 pinned. */
    @Test
    void gzipBodyFromTheJdkClientIsAcceptedOnTheFirstRequest() throws Exception {
        byte[] body = Payloads.render(Payloads.ROOT.resolve("valid/full-rtp-burst.json"), tenant.agentId()).getBytes(StandardCharsets.UTF_8);
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + RestAssured.port + "/api/v1/results"))
                    .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                    .header("Authorization", "Bearer " + tenant.token())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(body))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }

    @Test
    void wrongContentTypeIs415Problem() {
        Api.asAgent(tenant.token()).contentType("text/plain").body("hello").post("/api/v1/results")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void wrongMethodIs405ProblemWithAllow() {
        Api.asAgent(tenant.token()).get("/api/v1/results")
                .then().statusCode(405).contentType("application/problem+json").body("detail", containsString("GET"));
    }

    @Test
    void unknownPathIs404Problem() {
        Api.asAdmin().get("/api/v1/no-such-thing")
                .then().statusCode(404).contentType("application/problem+json").body("detail", containsString("/api/v1/no-such-thing"));
    }

    @Test
    void problemListsEveryInvalidField() {
        String body = """
                {"results":[{"id":"%s","agentId":"%s","kind":"rtp_burst","target":"","startedAt":"%s",
                 "durationMs":5,"status":"ok","reason":"","metrics":{"mos":9,"loss_up_ratio":2}}]}"""
                .formatted(java.util.UUID.randomUUID(), tenant.agentId(), java.time.Instant.now().minusSeconds(60));
        List<Map<String, String>> errors = Api.asAgent(tenant.token()).body(body).post("/api/v1/results")
                .then().statusCode(400).extract().path("errors");
        assertThat(errors).extracting(e -> e.get("field"))
                .containsExactlyInAnyOrder("results[0].target", "results[0].metrics.mos", "results[0].metrics.loss_up_ratio");
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
