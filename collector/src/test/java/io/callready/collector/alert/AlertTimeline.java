package io.callready.collector.alert;

import io.callready.collector.support.Api;
import io.callready.collector.support.TestClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Drives alerting on a fake clock: post a result as the site's agent, run one evaluation pass, move on one
 * probe interval. Messages are read back from the channel's delivery log (the outbox), oldest first.
 */
final class AlertTimeline {
    static final Duration STEP = Duration.ofMinutes(1);

    private final TestClock clock;
    private final AlertEvaluator evaluator;
    private final List<String> channels = new ArrayList<>();

    AlertTimeline(TestClock clock, AlertEvaluator evaluator) {
        this.clock = clock;
        this.evaluator = evaluator;
    }

    void post(Api.TestTenant tenant, String target, Map<String, Double> metrics) {
        post(tenant, target, "rtp_burst", metrics);
    }

    void post(Api.TestTenant tenant, String target, String kind, Map<String, Double> metrics) {
        Map<String, Object> result = new HashMap<>();
        result.put("id", UUID.randomUUID().toString());
        result.put("agentId", tenant.agentId().toString());
        result.put("kind", kind);
        result.put("target", target);
        result.put("startedAt", clock.instant().toString());
        result.put("durationMs", 1000);
        result.put("status", "ok");
        result.put("reason", "");
        result.put("metrics", metrics);
        Api.asAgent(tenant.token()).body(Map.of("results", List.of(result))).post("/api/v1/results").then().statusCode(200);
    }

    /** One probe interval: each site's result, an evaluation pass, then the clock moves on. */
    void step(Map<Api.TestTenant, Double> jitterBySite, String target) {
        jitterBySite.forEach((tenant, jitter) -> post(tenant, target, Map.of("jitter_up_ms", jitter, "jitter_down_ms", 1.0)));
        evaluate();
        clock.advance(STEP);
    }

    void step(Api.TestTenant tenant, String target, double jitterMs) {
        step(Map.of(tenant, jitterMs), target);
    }

    void evaluate() {
        if (!evaluator.evaluate()) {
            throw new IllegalStateException("another evaluation pass held the lock");
        }
    }

    void idle(Duration time) {
        clock.advance(time);
        evaluate();
    }

    Instant now() {
        return clock.instant();
    }

    /** A webhook channel routed to these customers only, so other tests' alerts never reach it. */
    String channelFor(UUID... customers) {
        List<Map<String, Object>> routes = new ArrayList<>();
        for (UUID c : customers) {
            Map<String, Object> route = new LinkedHashMap<>();
            route.put("customerId", c.toString());
            route.put("minSeverity", "warning");
            routes.add(route);
        }
        String id = Api.asAdmin().body(Map.of("name", "timeline-" + UUID.randomUUID(), "kind", "webhook",
                        "url", "http://127.0.0.1:9/never-delivered", "routes", routes))
                .post("/api/v1/channels").then().statusCode(201).extract().path("id");
        channels.add(id);
        return id;
    }

    /** Event types queued for a channel, oldest first. */
    List<String> messages(String channelId) {
        List<String> newestFirst = Api.asAdmin().get("/api/v1/channels/{id}/deliveries?limit=1000", channelId)
                .then().statusCode(200).extract().path("type");
        List<String> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    void deleteChannels() {
        channels.forEach(id -> Api.asAdmin().delete("/api/v1/channels/{id}", id).then().statusCode(204));
        channels.clear();
    }
}
