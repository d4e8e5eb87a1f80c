package io.callready.collector.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.agroal.api.AgroalDataSource;
import io.callready.collector.support.Api;
import io.callready.collector.support.Payloads;
import io.callready.collector.support.Receiver;
import io.callready.collector.support.Receiver.Reply;
import io.callready.collector.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The outbox worker against real HTTP receivers on loopback (allowed by %test.callready.notify.allowed-networks). */
@QuarkusTest
class DeliveryIT {
    @Inject
    TestClock clock;
    @Inject
    DeliveryWorker worker;
    @Inject
    AgroalDataSource db;
    @Inject
    ObjectMapper mapper;

    private final List<Receiver> receivers = new ArrayList<>();
    private final List<String> channels = new ArrayList<>();

    @BeforeEach
    void fixClock() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @AfterEach
    void cleanUp() {
        channels.forEach(id -> Api.asAdmin().delete("/api/v1/channels/{id}", id));
        receivers.forEach(Receiver::close);
        clock.useSystemTime();
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsOneAcceptedDeliveryWithOneWebhookId() throws Exception {
        Receiver receiver = receiver().thenReply(Reply.of(503), new Reply(503, Map.of("Retry-After", "120"), ""), Reply.of(500));
        var created = Api.asAdmin().body(Map.of("name", unique("signed"), "kind", "webhook", "url", receiver.url("/hooks/callready")))
                .post("/api/v1/channels").then().statusCode(201).extract();
        String channel = track(created.path("id"));
        String secret = created.path("secret");
        assertThat(secret).startsWith("whsec_");
        String messageId = sendTest(channel);

        worker.deliverDue();
        clock.advance(Duration.ofSeconds(2));
        worker.deliverDue();
        Instant afterRetryAfter = clock.instant();
        Map<String, Object> pending = delivery(channel);
        assertThat(pending).containsEntry("status", "pending").containsEntry("attempts", 2).containsEntry("lastStatusCode", 503);
        assertThat(Instant.parse((String) pending.get("nextAttemptAt"))).as("Retry-After: 120 honoured")
                .isAfterOrEqualTo(afterRetryAfter.plusSeconds(120));
        clock.advance(Duration.ofSeconds(60));
        assertThat(worker.deliverDue()).as("not due before Retry-After").isZero();
        clock.advance(Duration.ofSeconds(61));
        worker.deliverDue();
        clock.advance(Duration.ofSeconds(5));
        worker.deliverDue();
        clock.advance(Duration.ofMinutes(10));
        worker.deliverDue();

        List<Receiver.Request> got = receiver.requests();
        assertThat(got).extracting(Receiver.Request::answeredWith).containsExactly(503, 503, 500, 200);
        assertThat(got).extracting(r -> r.header("webhook-id")).containsOnly(messageId);
        assertThat(got).extracting(r -> r.header("webhook-timestamp")).doesNotHaveDuplicates();
        for (Receiver.Request r : got) {
            new Webhook(secret).verify(r.body(), lowerCase(r.headers()));
            assertThat(r.path()).isEqualTo("/hooks/callready");
        }
        assertThat(mapper.readTree(got.getLast().body()).path("type").asText()).isEqualTo("test");
        assertThat(delivery(channel)).containsEntry("status", "delivered").containsEntry("attempts", 4).containsEntry("lastStatusCode", 200);
    }

    @Test
    void aClientErrorIsRecordedWithTheResponseAndNotRetried() {
        Receiver receiver = receiver().thenReply(new Reply(400, Map.of(), "{\"error\":\"unknown event type\"}"));
        String channel = webhook(receiver);
        sendTest(channel);
        worker.deliverDue();
        clock.advance(Duration.ofHours(1));
        worker.deliverDue();
        assertThat(receiver.requests()).hasSize(1);
        assertThat(delivery(channel)).containsEntry("status", "failed").containsEntry("lastStatusCode", 400)
                .containsEntry("lastResponse", "{\"error\":\"unknown event type\"}")
                .containsEntry("lastError", "HTTP 400 is not retried");
    }

    @Test
    void timeoutsAndRateLimitsAreRetried() {
        Receiver receiver = receiver().thenReply(Reply.of(408), new Reply(429, Map.of("Retry-After", "3"), ""));
        String channel = webhook(receiver);
        sendTest(channel);
        for (int i = 0; i < 4; i++) {
            worker.deliverDue();
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(receiver.requests()).extracting(Receiver.Request::answeredWith).containsExactly(408, 429, 200);
        assertThat(delivery(channel)).containsEntry("status", "delivered");
    }

    @Test
    void goneDisablesTheChannelUntilItIsEnabledAgain() {
        Receiver receiver = receiver().thenReply(Reply.of(410));
        String channel = webhook(receiver);
        sendTest(channel);
        worker.deliverDue();
        assertThat(delivery(channel)).containsEntry("status", "failed").containsEntry("lastStatusCode", 410);
        Api.asAdmin().get("/api/v1/channels").then().body("find { it.id == '" + channel + "' }.enabled", equalTo(false))
                .body("find { it.id == '" + channel + "' }.disabledReason", containsString("410 Gone"));
        Api.asAdmin().post("/api/v1/channels/{id}/test", channel).then().statusCode(409).contentType("application/problem+json");
        Api.asAdmin().post("/api/v1/channels/{id}/enable", channel).then().statusCode(200).body("enabled", equalTo(true));
        sendTest(channel);
        worker.deliverDue();
        assertThat(delivery(channel)).containsEntry("status", "delivered");
    }

    @Test
    void aReceiverDownForMoreThanTheRetryHorizonIsRecordedAsFailed() {
        Receiver receiver = receiver().otherwise(Reply.of(503));
        String channel = webhook(receiver);
        sendTest(channel);
        worker.deliverDue();
        clock.advance(Duration.ofHours(23));
        worker.deliverDue();
        assertThat(delivery(channel)).containsEntry("status", "pending");
        clock.advance(Duration.ofHours(2));
        worker.deliverDue();
        assertThat(delivery(channel)).containsEntry("status", "failed");
        assertThat((String) delivery(channel).get("lastError")).startsWith("gave up after 3 attempts");
    }

    @Test
    void redirectsAreNotFollowed() {
        Receiver elsewhere = receiver();
        Receiver receiver = receiver().thenReply(new Reply(302, Map.of("Location", elsewhere.url("/steal")), ""));
        String channel = webhook(receiver);
        sendTest(channel);
        worker.deliverDue();
        assertThat(elsewhere.requests()).isEmpty();
        assertThat(delivery(channel)).containsEntry("status", "failed").containsEntry("lastStatusCode", 302);
    }

    @Test
    void theGuardRefusesAtSaveTime() {
        for (String url : List.of("http://10.1.2.3/hook", "http://127.0.0.2:8080/hook", "http://[::ffff:127.0.0.1]/",
                "http://0x7f.0.0.1/", "ftp://example.com/x")) {
            Api.asAdmin().body(Map.of("name", unique("refused"), "kind", "slack", "url", url)).post("/api/v1/channels")
                    .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("url"));
        }
        Api.asAdmin().body(Map.of("name", unique("x"), "kind", "carrier-pigeon", "url", "http://127.0.0.1/"))
                .post("/api/v1/channels").then().statusCode(400).body("errors[0].field", equalTo("kind"));
        Api.asAdmin().body(Map.of("name", unique("x"), "kind", "pagerduty", "url", "http://127.0.0.1/"))
                .post("/api/v1/channels").then().statusCode(400).body("errors[0].field", equalTo("secret"));
        Api.asAdmin().body(Map.of("name", unique("x"), "kind", "webhook", "url", "http://127.0.0.1/", "secret", "whsec_c2hvcnQ="))
                .post("/api/v1/channels").then().statusCode(400).body("errors[0].field", equalTo("secret"));
        given().contentType("application/json").body("{}").post("/api/v1/channels").then().statusCode(401);
    }

    @Test
    void theGuardRefusesAgainAtConnectTime() throws Exception {
        Receiver receiver = receiver();
        String channel = webhook(receiver);
        // As if the URL had been allowed when saved and the allowlist had shrunk since.
        try (Connection c = db.getConnection(); PreparedStatement u = c.prepareStatement("UPDATE notify_channels SET url = ? WHERE id = ?")) {
            u.setString(1, "http://127.0.0.2:" + receiver.port() + "/hook");
            u.setObject(2, UUID.fromString(channel));
            u.executeUpdate();
        }
        sendTest(channel);
        worker.deliverDue();
        assertThat(receiver.requests()).isEmpty();
        assertThat(delivery(channel)).containsEntry("status", "failed");
        assertThat((String) delivery(channel).get("lastError")).contains("refused by the SSRF guard").contains("loopback");
    }

    @Test
    void slackTeamsAndPagerDutyReceiveTheirOwnShapes() throws Exception {
        Receiver receiver = receiver();
        String slack = track(Api.asAdmin().body(Map.of("name", unique("slack"), "kind", "slack", "url", receiver.url("/slack")))
                .post("/api/v1/channels").then().statusCode(201).extract().path("id"));
        String teams = track(Api.asAdmin().body(Map.of("name", unique("teams"), "kind", "teams", "url", receiver.url("/teams")))
                .post("/api/v1/channels").then().statusCode(201).extract().path("id"));
        String pagerduty = track(Api.asAdmin().body(Map.of("name", unique("pd"), "kind", "pagerduty", "url", receiver.url("/v2/enqueue"),
                "secret", "R0UT1NGKEY0000000000000000000000")).post("/api/v1/channels").then().statusCode(201).extract().path("id"));
        sendTest(slack);
        sendTest(teams);
        sendTest(pagerduty);
        worker.deliverDue();
        Map<String, JsonNode> byPath = receiver.requests().stream().collect(Collectors.toMap(Receiver.Request::path, r -> read(r.body())));
        assertThat(byPath.get("/slack").path("text").asText()).contains("test notification");
        assertThat(byPath.get("/teams").at("/attachments/0/contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(byPath.get("/v2/enqueue").path("event_action").asText()).isEqualTo("trigger");
        assertThat(byPath.get("/v2/enqueue").path("routing_key").asText()).isEqualTo("R0UT1NGKEY0000000000000000000000");
        assertThat(byPath.get("/v2/enqueue").at("/payload/severity").asText()).isEqualTo("info");
        assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.header("Content-Type")).isEqualTo("application/json"));
    }

    @Test
    void metricsShowOutboxDepthFailuresAndFiringAlerts() {
        Receiver receiver = receiver().otherwise(Reply.of(503));
        String channel = webhook(receiver);
        sendTest(channel);
        worker.deliverDue();
        Api.TestTenant tenant = Api.newTenant();
        clock.useSystemTime();
        Api.asAgent(tenant.token()).body(Payloads.render(Payloads.ROOT.resolve("valid/minimal.json"), tenant.agentId()))
                .post("/api/v1/results").then().statusCode(200);
        given().header("Accept", "text/plain; version=0.0.4").get("/q/metrics").then().statusCode(200)
                .body(containsString("callready_notify_outbox_depth "))
                .body(containsString("callready_notify_delivery_failures_total{kind=\"webhook\",outcome=\"retry\""))
                .body(containsString("callready_alerts_firing "))
                .body(containsString("callready_results_ingested_total"));
    }

    private Receiver receiver() {
        try {
            Receiver r = Receiver.start();
            receivers.add(r);
            return r;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String webhook(Receiver receiver) {
        return track(Api.asAdmin().body(Map.of("name", unique("hook"), "kind", "webhook", "url", receiver.url("/hook")))
                .post("/api/v1/channels").then().statusCode(201).extract().path("id"));
    }

    private String track(String channelId) {
        channels.add(channelId);
        return channelId;
    }

    private static String sendTest(String channel) {
        return Api.asAdmin().post("/api/v1/channels/{id}/test", channel).then().statusCode(202).extract().path("messageId");
    }

    private static Map<String, Object> delivery(String channel) {
        return Api.asAdmin().get("/api/v1/channels/{id}/deliveries", channel).then().statusCode(200).extract().path("[0]");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
        return headers.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
    }

    private JsonNode read(String body) {
        try {
            return mapper.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
