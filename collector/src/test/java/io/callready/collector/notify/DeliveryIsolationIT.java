package io.callready.collector.notify;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.support.Api;
import io.callready.collector.support.Receiver;
import io.callready.collector.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * Rows the worker cannot process (a stored event that no longer reads, a channel whose secret cannot sign, a
 * channel deleted with messages queued) are recorded as failed, logged and counted once, and every other
 * message, on the same channel and on others, is delivered in the same pass.
 */
@QuarkusTest
class DeliveryIsolationIT {
    @Inject
    TestClock clock;
    @Inject
    DeliveryWorker worker;
    @Inject
    AgroalDataSource db;

    private final List<String> channels = new ArrayList<>();

    @BeforeEach
    void fixClock() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @AfterEach
    void cleanUp() {
        channels.forEach(id -> Api.asAdmin().delete("/api/v1/channels/{id}", id));
        clock.useSystemTime();
    }

    @Test
    void badRowsAreSetAsideAndEveryOtherMessageIsDelivered() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            String mixed = channel(receiver, "/mixed");
            String unreadable = sendTest(mixed);
            sql("UPDATE notify_outbox SET event = '{\"type\": \"test\", \"occurredAt\": \"not a time\"}' WHERE message_id = ?", unreadable);
            String good = sendTest(mixed);

            String unsignable = channel(receiver, "/unsignable");
            sendTest(unsignable);
            sql("UPDATE notify_channels SET secret = 'whsec_!!not base64!!' WHERE id = ?::uuid", unsignable);

            String deleted = channel(receiver, "/deleted");
            sendTest(deleted);
            Api.asAdmin().delete("/api/v1/channels/{id}", deleted).then().statusCode(204);
            channels.remove(deleted);

            String healthy = channel(receiver, "/healthy");
            sendTest(healthy);

            worker.deliverDue();

            assertThat(receiver.requests()).extracting(Receiver.Request::path).containsExactlyInAnyOrder("/mixed", "/healthy");
            assertThat(receiver.requests()).filteredOn(r -> r.path().equals("/mixed"))
                    .extracting(r -> r.header("webhook-id")).containsExactly(good);
            assertThat(delivery(mixed, unreadable)).containsEntry("status", "failed");
            assertThat((String) delivery(mixed, unreadable).get("lastError")).startsWith("stored event unreadable");
            Map<String, Object> refused = deliveries(unsignable).getFirst();
            assertThat(refused).containsEntry("status", "failed");
            assertThat((String) refused.get("lastError")).contains("could not process this message");
            assertThat((String) refused.get("lastError")).doesNotContain("Exception");
            given().header("Accept", "text/plain; version=0.0.4").get("/q/metrics").then().statusCode(200)
                    .body(containsString("callready_jobs_isolated_total{job=\"delivery\""));

            worker.deliverDue();
            assertThat(receiver.requests()).as("set-aside rows do not come back").hasSize(2);
        }
    }

    private String channel(Receiver receiver, String path) {
        String id = Api.asAdmin().body(Map.of("name", "iso-" + UUID.randomUUID(), "kind", "webhook", "url", receiver.url(path)))
                .post("/api/v1/channels").then().statusCode(201).extract().path("id");
        channels.add(id);
        return id;
    }

    private static String sendTest(String channel) {
        return Api.asAdmin().post("/api/v1/channels/{id}/test", channel).then().statusCode(202).extract().path("messageId");
    }

    private static List<Map<String, Object>> deliveries(String channel) {
        return Api.asAdmin().get("/api/v1/channels/{id}/deliveries", channel).then().statusCode(200).extract().path("$");
    }

    private static Map<String, Object> delivery(String channel, String messageId) {
        return deliveries(channel).stream().filter(d -> messageId.equals(d.get("messageId"))).findFirst().orElseThrow();
    }

    private void sql(String statement, String param) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement u = c.prepareStatement(statement)) {
            u.setString(1, param);
            assertThat(u.executeUpdate()).isEqualTo(1);
        }
    }
}
