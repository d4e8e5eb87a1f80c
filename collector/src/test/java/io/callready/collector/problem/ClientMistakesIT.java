package io.callready.collector.problem;

import io.callready.collector.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Inputs that used to overflow inside the collector (and answer 500) are the client's mistake: 400
 * problem+json naming the field. Bad thresholds come from a corpus, one file per body with its expected field
 * (first line) and a part of the message (second line).
 */
@QuarkusTest
class ClientMistakesIT {
    private static final Path THRESHOLDS = Path.of("src/test/resources/thresholds/invalid");

    private Api.TestTenant tenant;

    @BeforeEach
    void tenant() {
        tenant = Api.newTenant();
    }

    @Test
    void anEnrollmentCodeTtlThatOverflowsIs400() {
        for (String ttl : List.of("99999999999999999h", "999999999999d", "99999999999999999999h")) {
            Api.asAdmin().body(Map.of("ttl", ttl)).post("/api/v1/sites/{s}/enrollment-codes", tenant.siteId())
                    .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("ttl"));
        }
    }

    @Test
    void aSilenceDurationOrStartThatOverflowsIs400() {
        String silences = "/api/v1/customers/{c}/silences";
        for (String duration : List.of("99999999999999999h", "3000000000000000h", "0s")) {
            Api.asAdmin().body(Map.of("duration", duration)).post(silences, tenant.customerId())
                    .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("duration"));
        }
        for (String startsAt : List.of("+1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z")) {
            Api.asAdmin().body(Map.of("startsAt", startsAt, "duration", "1h")).post(silences, tenant.customerId())
                    .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("startsAt"));
        }
        Api.asAdmin().body(Map.of("endsAt", "+1000000000-12-31T23:59:59Z")).post(silences, tenant.customerId())
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("endsAt"));
    }

    @Test
    void aResultsQueryBeyondAnyCalendarIs400() {
        String results = "/api/v1/sites/{s}/results";
        Api.asAdmin().queryParam("from", "-1000000000-01-01T00:00:00Z").get(results, tenant.siteId())
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("from"));
        Api.asAdmin().queryParam("to", "-1000000000-01-01T00:00:00Z").get(results, tenant.siteId())
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("to"));
        Api.asAdmin().queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "+1000000000-12-31T23:59:59Z")
                .get(results, tenant.siteId())
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("to"));
    }

    @TestFactory
    Stream<DynamicTest> badThresholdsAre400NamingTheField() throws IOException {
        List<Path> bodies;
        try (Stream<Path> files = Files.list(THRESHOLDS)) {
            bodies = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        return bodies.stream().map(body -> DynamicTest.dynamicTest(body.getFileName().toString(), () -> {
            List<String> expected = Files.readAllLines(Path.of(body.toString().replace(".json", ".expected")));
            String json = Files.readString(body);
            for (String path : List.of("/api/v1/sites/" + tenant.siteId() + "/thresholds", "/api/v1/customers/" + tenant.customerId() + "/thresholds")) {
                Api.asAdmin().body(json).put(path).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                        .body("errors[0].field", equalTo(expected.get(0)))
                        .body("errors[0].message", containsString(expected.get(1)))
                        .body(not(containsString("Exception")));
            }
        }));
    }

    @Test
    void thresholdsAtTheEdgesOfTheirScalesAreAccepted() {
        Api.asAdmin().body(Map.of("mos", Map.of("warning", 4.5, "critical", 1), "loss_ratio", Map.of("warning", 0, "critical", 1),
                        "rtt_ms", Map.of("warning", 0, "critical", 60000), "jitter_ms", Map.of("warning", 30, "critical", 30)))
                .put("/api/v1/sites/{s}/thresholds", tenant.siteId()).then().statusCode(200)
                .body("thresholds.mos.warning", equalTo(4.5f));
    }
}
