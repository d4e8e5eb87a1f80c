package io.callready.collector.alert;

import io.callready.collector.support.Api;
import io.callready.collector.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Alert lifecycle on a controllable clock, one result per site per minute, with the default rule (3 of the last
 * 5 samples fire, 3 clear samples resolve, 10 % hysteresis), 30 s group wait and 4 h repeat interval.
 */
@QuarkusTest
class AlertTimelineIT {
    private static final double BAD = 35;
    private static final double GOOD = 5;

    @Inject
    TestClock clock;
    @Inject
    AlertEvaluator evaluator;

    private AlertTimeline timeline;
    private String target;

    @BeforeEach
    void start() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        timeline = new AlertTimeline(clock, evaluator);
        target = "reflector-" + UUID.randomUUID().toString().substring(0, 8) + ".example.net:5004";
    }

    @AfterEach
    void stop() {
        timeline.deleteChannels();
        clock.useSystemTime();
    }

    @Test
    void aBreachFiresOnceAndResolvesOnce() {
        Api.TestTenant site = Api.newTenant();
        String channel = timeline.channelFor(site.customerId());
        for (int i = 0; i < 10; i++) {
            timeline.step(site, target, BAD);
        }
        assertThat(timeline.messages(channel)).containsExactly("alert.firing");
        Api.asAdmin().get("/api/v1/customers/{c}/alerts?state=firing", site.customerId()).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].metric", equalTo("jitter_ms")).body("[0].severity", equalTo("critical"))
                .body("[0].dedupKey", equalTo("callready:" + site.siteId() + ":" + target + ":jitter_ms"));
        for (int i = 0; i < 10; i++) {
            timeline.step(site, target, GOOD);
        }
        assertThat(timeline.messages(channel)).containsExactly("alert.firing", "alert.resolved");
        Api.asAdmin().get("/api/v1/customers/{c}/alerts?state=firing", site.customerId()).then().body("$", hasSize(0));
    }

    @Test
    void flappingDoesNotFlood() {
        Api.TestTenant site = Api.newTenant();
        String channel = timeline.channelFor(site.customerId());
        for (int i = 0; i < 30; i++) {
            timeline.step(site, target, i % 2 == 0 ? BAD : GOOD);
        }
        // Naively 15 firing and 15 resolved; the rule fires once and the clear rule never sees 3 clear samples in a row.
        assertThat(timeline.messages(channel)).containsExactly("alert.firing");
        // Hovering inside the hysteresis band (18..20 ms) does not resolve either.
        for (int i = 0; i < 5; i++) {
            timeline.step(site, target, 19);
        }
        assertThat(timeline.messages(channel)).containsExactly("alert.firing");
        for (int i = 0; i < 3; i++) {
            timeline.step(site, target, GOOD);
        }
        assertThat(timeline.messages(channel)).containsExactly("alert.firing", "alert.resolved");
    }

    @Test
    void aStillFiringAlertRepeatsAfterTheRepeatIntervalOnly() {
        Api.TestTenant site = Api.newTenant();
        String channel = timeline.channelFor(site.customerId());
        for (int i = 0; i < 4; i++) {
            timeline.step(site, target, BAD);
        }
        assertThat(timeline.messages(channel)).containsExactly("alert.firing");
        for (int i = 0; i < 3 * 60 + 50; i++) {
            timeline.step(site, target, BAD);
        }
        assertThat(timeline.messages(channel)).containsExactly("alert.firing");
        for (int i = 0; i < 15; i++) {
            timeline.step(site, target, BAD);
        }
        assertThat(timeline.messages(channel)).containsExactly("alert.firing", "alert.repeat");
    }

    @Test
    void aSeverityChangeIsAnnouncedOnce() {
        Api.TestTenant site = Api.newTenant();
        String channel = timeline.channelFor(site.customerId());
        for (int i = 0; i < 5; i++) {
            timeline.step(site, target, 25);
        }
        for (int i = 0; i < 8; i++) {
            timeline.step(site, target, 45);
        }
        assertThat(timeline.messages(channel)).containsExactly("alert.firing", "alert.severity_changed");
        Api.asAdmin().get("/api/v1/customers/{c}/alerts?state=firing", site.customerId()).then()
                .body("[0].severity", equalTo("critical")).body("[0].threshold", equalTo(30.0f));
    }

    @Test
    void anOfflineAgentInhibitsItsSitesQualityAlerts() {
        Api.TestTenant site = Api.newTenant();
        String channel = timeline.channelFor(site.customerId());
        for (int i = 0; i < 4; i++) {
            timeline.step(site, target, BAD);
        }
        assertThat(timeline.messages(channel)).containsExactly("alert.firing");
        // Silent for more than 3 default plan intervals (5 min each).
        timeline.idle(Duration.ofMinutes(14));
        assertThat(timeline.messages(channel)).containsExactly("alert.firing");
        timeline.idle(Duration.ofMinutes(2));
        assertThat(timeline.messages(channel)).containsExactly("alert.firing", "alert.firing");
        Api.asAdmin().get("/api/v1/customers/{c}/alerts?state=firing", site.customerId()).then()
                .body("kind", org.hamcrest.Matchers.containsInAnyOrder("quality", "agent_offline"));
        // Past the repeat interval only the offline alert repeats; the quality alert is inhibited.
        timeline.idle(Duration.ofHours(4));
        timeline.idle(Duration.ofMinutes(1));
        assertThat(timeline.messages(channel)).containsExactly("alert.firing", "alert.firing", "alert.repeat");
        // Back online with good results: the offline alert resolves at once. The quality alert, no longer inhibited
        // and past its repeat interval, repeats once while still firing, then resolves after 3 clear samples.
        for (int i = 0; i < 3; i++) {
            timeline.step(site, target, GOOD);
        }
        assertThat(timeline.messages(channel)).containsExactly("alert.firing", "alert.firing", "alert.repeat",
                "alert.resolved", "alert.repeat", "alert.resolved");
    }

    @Test
    void manySitesBreachingTowardsOneTargetMakeOneIncident() {
        List<Api.TestTenant> sites = List.of(Api.newTenant(), Api.newTenant(), Api.newTenant(), Api.newTenant());
        String channel = timeline.channelFor(sites.stream().map(Api.TestTenant::customerId).toArray(UUID[]::new));
        Map<Api.TestTenant, Double> firstThreeBad = new LinkedHashMap<>();
        sites.subList(0, 3).forEach(s -> firstThreeBad.put(s, BAD));
        firstThreeBad.put(sites.get(3), GOOD);
        for (int i = 0; i < 5; i++) {
            timeline.step(firstThreeBad, target);
        }
        assertThat(timeline.messages(channel)).containsExactly("incident.opened");
        // A fourth site starts breaching while the incident is open: it joins quietly.
        Map<Api.TestTenant, Double> allBad = new LinkedHashMap<>();
        sites.forEach(s -> allBad.put(s, BAD));
        for (int i = 0; i < 5; i++) {
            timeline.step(allBad, target);
        }
        assertThat(timeline.messages(channel)).containsExactly("incident.opened");
        Api.asAdmin().get("/api/v1/incidents?state=open").then().statusCode(200);
        List<Map<String, Object>> open = Api.asAdmin().get("/api/v1/incidents?state=open").then().extract().path("findAll { it.target == '" + target + "' }");
        assertThat(open).hasSize(1);
        assertThat((List<?>) open.getFirst().get("alerts")).hasSize(4);
        Api.asAdmin().get("/api/v1/customers/{c}/incidents", sites.get(0).customerId()).then()
                .body("find { it.target == '" + target + "' }.alerts", hasSize(1));

        Map<Api.TestTenant, Double> allGood = new LinkedHashMap<>();
        sites.forEach(s -> allGood.put(s, GOOD));
        for (int i = 0; i < 4; i++) {
            timeline.step(allGood, target);
        }
        assertThat(timeline.messages(channel)).containsExactly("incident.opened", "incident.resolved");
    }

    @Test
    void aSilencedSiteSpeaksWhenTheSilenceEnds() {
        Api.TestTenant site = Api.newTenant();
        String channel = timeline.channelFor(site.customerId());
        Api.asAdmin().body(Map.of("siteId", site.siteId().toString(), "duration", "30m", "comment", "router swap"))
                .post("/api/v1/customers/{c}/silences", site.customerId()).then().statusCode(201)
                .body("active", equalTo(true));
        for (int i = 0; i < 20; i++) {
            timeline.step(site, target, BAD);
        }
        assertThat(timeline.messages(channel)).isEmpty();
        for (int i = 0; i < 15; i++) {
            timeline.step(site, target, BAD);
        }
        assertThat(timeline.messages(channel)).containsExactly("alert.firing");
    }

    @Test
    void siteThresholdsOverrideCustomerOverridesOverrideDefaults() {
        Api.TestTenant site = Api.newTenant();
        String channel = timeline.channelFor(site.customerId());
        Api.asAdmin().body(Map.of("jitter_ms", Map.of("warning", 30, "critical", 50), "rtt_ms", Map.of("warning", 120, "critical", 180)))
                .put("/api/v1/customers/{c}/thresholds", site.customerId()).then().statusCode(200)
                .body("thresholds.jitter_ms.source", equalTo("customer")).body("thresholds.mos.source", equalTo("default"));
        Api.asAdmin().body(Map.of("jitter_ms", Map.of("warning", 40, "critical", 60)))
                .put("/api/v1/sites/{s}/thresholds", site.siteId()).then().statusCode(200)
                .body("thresholds.jitter_ms.warning", equalTo(40.0f)).body("thresholds.jitter_ms.source", equalTo("site"))
                .body("thresholds.rtt_ms.source", equalTo("customer"));
        for (int i = 0; i < 6; i++) {
            timeline.step(site, target, BAD);
        }
        assertThat(timeline.messages(channel)).isEmpty();
        for (int i = 0; i < 6; i++) {
            timeline.step(site, target, 45);
        }
        assertThat(timeline.messages(channel)).containsExactly("alert.firing");
    }

    @Test
    void badThresholdsAndSilencesAre400WithTheField() {
        Api.TestTenant site = Api.newTenant();
        Api.asAdmin().body(Map.of("jitter", Map.of("warning", 1, "critical", 2), "mos", Map.of("warning", 3.6, "critical", 4.0)))
                .put("/api/v1/sites/{s}/thresholds", site.siteId()).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("jitter", "mos"));
        Api.asAdmin().body(Map.of("comment", "no end")).post("/api/v1/customers/{c}/silences", site.customerId())
                .then().statusCode(400).body("errors[0].field", equalTo("endsAt"));
        Api.asAdmin().body(Map.of("duration", "soon")).post("/api/v1/customers/{c}/silences", site.customerId())
                .then().statusCode(400).body("errors[0].field", equalTo("duration"));
        Api.asAdmin().get("/api/v1/alerts?state=burning").then().statusCode(400).body("errors[0].field", equalTo("state"));
        Api.asAdmin().get("/api/v1/sites/{s}/thresholds", UUID.randomUUID()).then().statusCode(404);
    }
}
