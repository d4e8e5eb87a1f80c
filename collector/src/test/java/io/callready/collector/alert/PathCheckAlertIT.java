package io.callready.collector.alert;

import io.callready.collector.support.Api;
import io.callready.collector.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The path checks' figures (DSCP classes changed, RTP ports blocked, UDP binding lifetime) alert like quality does. */
@QuarkusTest
class PathCheckAlertIT {
    @Inject
    TestClock clock;
    @Inject
    AlertEvaluator evaluator;

    private AlertTimeline timeline;

    @BeforeEach
    void start() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        timeline = new AlertTimeline(clock, evaluator);
    }

    @AfterEach
    void stop() {
        timeline.deleteChannels();
        clock.useSystemTime();
    }

    private void run(Api.TestTenant site, String target, String kind, Map<String, Double> metrics, int times) {
        for (int i = 0; i < times; i++) {
            timeline.post(site, target, kind, metrics);
            timeline.evaluate();
            clock.advance(AlertTimeline.STEP);
        }
    }

    @Test
    void bleachedClassesBlockedPortsAndShortBindingsFireWithTheirSeverity() {
        Api.TestTenant site = Api.newTenant();
        String channel = timeline.channelFor(site.customerId());
        String target = "reflector-" + UUID.randomUUID().toString().substring(0, 8) + ".example.net";
        run(site, target + ":5004", "dscp_matrix", Map.of("classes_changed_count", 2.0, "classes_tested_count", 5.0), 3);
        run(site, target + ":5004", "rtp_ports", Map.of("ports_blocked_count", 3.0, "ports_tested_count", 12.0), 3);
        run(site, target + ":3478", "udp_lifetime", Map.of("binding_survived_two_way_ms", 90_000.0,
                "binding_expired_two_way_ms", 95_000.0, "binding_survived_one_way_ms", 45_000.0,
                "binding_expired_one_way_ms", 50_000.0, "binding_cap_ms", 1_800_000.0), 3);
        timeline.idle(AlertTimeline.STEP);

        var firing = Api.asAdmin().get("/api/v1/customers/{c}/alerts?state=firing", site.customerId()).then().statusCode(200)
                .body("$", hasSize(3)).extract().jsonPath();
        Map<String, String> severityByMetric = new java.util.HashMap<>();
        for (int i = 0; i < 3; i++) {
            severityByMetric.put(firing.getString("[" + i + "].metric"), firing.getString("[" + i + "].severity"));
        }
        assertThat(severityByMetric).containsExactlyInAnyOrderEntriesOf(Map.of(
                "dscp_classes_changed_count", "critical",
                "rtp_ports_blocked_count", "warning",
                "udp_binding_lifetime_ms", "critical"));
        assertThat(timeline.messages(channel)).containsExactly("alert.firing", "alert.firing", "alert.firing");
    }

    @Test
    void aCleanPathFiresNothing() {
        Api.TestTenant site = Api.newTenant();
        String target = "reflector-" + UUID.randomUUID().toString().substring(0, 8) + ".example.net";
        run(site, target + ":5004", "dscp_matrix", Map.of("classes_changed_count", 0.0), 4);
        run(site, target + ":5004", "rtp_ports", Map.of("ports_blocked_count", 0.0), 4);
        run(site, target + ":3478", "udp_lifetime", Map.of("binding_survived_two_way_ms", 1_800_000.0,
                "binding_survived_one_way_ms", 300_000.0, "binding_expired_one_way_ms", 305_000.0), 4);
        // A fast search capped at 45 s that saw no expiry measured no lifetime: no alert, however low the cap.
        run(site, target + ":3479", "udp_lifetime", Map.of("binding_survived_two_way_ms", 45_000.0,
                "binding_survived_one_way_ms", 45_000.0, "binding_cap_ms", 45_000.0), 4);
        Api.asAdmin().get("/api/v1/customers/{c}/alerts?state=firing", site.customerId()).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void theirThresholdsAreSetLikeAnyOther() {
        Api.TestTenant site = Api.newTenant();
        Api.asAdmin().body(Map.of("udp_binding_lifetime_ms", Map.of("warning", 300_000, "critical", 120_000),
                        "rtp_ports_blocked_count", Map.of("warning", 5, "critical", 20)))
                .put("/api/v1/sites/{s}/thresholds", site.siteId()).then().statusCode(200)
                .body("thresholds.udp_binding_lifetime_ms.critical", equalTo(120_000.0f))
                .body("thresholds.rtp_ports_blocked_count.source", equalTo("site"))
                .body("thresholds.dscp_classes_changed_count.source", equalTo("default"));
        Api.asAdmin().body(Map.of("udp_binding_lifetime_ms", Map.of("warning", 60_000, "critical", 120_000)))
                .put("/api/v1/sites/{s}/thresholds", site.siteId()).then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.startsWith("udp_binding_lifetime_ms"));
    }
}
