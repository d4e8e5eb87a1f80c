package io.callready.collector.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.collector.support.CollectorProcess;
import io.callready.collector.support.Receiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The receiver is down while the collector tries, the collector is stopped mid-retry and started again on the
 * same database (the packaged jar on its embedded PostgreSQL, twice), the receiver comes back: the message
 * arrives once, with the webhook-id it was queued with.
 */
class DeliveryRestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void aMessageQueuedBeforeARestartIsDeliveredAfterIt() throws Exception {
        assumeTrue(Files.exists(CollectorProcess.JAR), "run mvn package first");
        int port;
        try (Receiver probe = Receiver.start()) {
            port = probe.port();
        }
        String[] settings = {"-Dcallready.notify.allowed-networks=127.0.0.1/32"};
        String channelId;
        String messageId;
        String admin;
        try (CollectorProcess first = CollectorProcess.start(dataDir, settings)) {
            admin = Files.readString(dataDir.resolve("admin-token")).strip();
            var created = first.post("/api/v1/channels", admin,
                    "{\"name\":\"on-call\",\"kind\":\"webhook\",\"url\":\"http://127.0.0.1:" + port + "/hook\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            channelId = JSON.readTree(created.body()).path("id").asText();
            var test = first.post("/api/v1/channels/" + channelId + "/test", admin, "");
            assertThat(test.statusCode()).isEqualTo(202);
            messageId = JSON.readTree(test.body()).path("messageId").asText();
            JsonNode failing = await(first, admin, channelId, d -> d.path("attempts").asInt() >= 1 && d.hasNonNull("lastError"));
            assertThat(failing.path("status").asText()).isEqualTo("pending");
            assertThat(failing.path("lastError").asText()).contains("Connect");
        }

        try (Receiver receiver = Receiver.start(port); CollectorProcess second = CollectorProcess.start(dataDir, settings)) {
            JsonNode delivered = await(second, admin, channelId, d -> d.path("status").asText().equals("delivered"));
            assertThat(delivered.path("attempts").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(receiver.requests()).hasSize(1);
            assertThat(receiver.requests().getFirst().header("webhook-id")).isEqualTo(messageId);
        }
    }

    private static JsonNode await(CollectorProcess app, String admin, String channelId, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode latest = null;
        while (System.nanoTime() < deadline) {
            var response = app.get("/api/v1/channels/" + channelId + "/deliveries", admin);
            latest = JSON.readTree(response.body()).path(0);
            if (done.test(latest)) {
                return latest;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("delivery did not reach the expected state; last " + latest + "\n" + app.output());
    }
}
