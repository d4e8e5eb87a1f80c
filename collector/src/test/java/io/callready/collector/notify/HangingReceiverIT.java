package io.callready.collector.notify;

import io.callready.collector.support.Api;
import io.callready.collector.support.HangingReceiver;
import io.callready.collector.support.Receiver;
import io.callready.collector.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receiver that accepts the connection and never answers, beside a healthy one: the healthy channel's messages
 * arrive at once, also while the hung one is still being waited for; the hung one times out by its own read
 * timeout (%test.callready.notify.read-timeout=10S) and is retried on a later pass.
 */
@QuarkusTest
class HangingReceiverIT {
    private static final Duration HEALTHY_BOUND = Duration.ofSeconds(4);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    @Inject
    TestClock clock;
    @Inject
    DeliveryWorker worker;

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
    void aHangingReceiverDelaysOnlyItsOwnChannel() throws Exception {
        try (HangingReceiver hung = HangingReceiver.start(); Receiver healthy = Receiver.start()) {
            String hungChannel = channel(hung.url("/hook"));
            String healthyChannel = channel(healthy.url("/hook"));
            sendTest(hungChannel);
            sendTest(healthyChannel);

            long started = System.nanoTime();
            CompletableFuture<Integer> firstPass = CompletableFuture.supplyAsync(worker::deliverDue);
            awaitRequests(healthy, 1, started);
            assertThat(elapsed(started)).as("healthy delivery beside a hung receiver").isLessThan(HEALTHY_BOUND);

            // A message queued while the hung channel is still waited for goes out on the next pass, at once.
            sendTest(healthyChannel);
            long secondStarted = System.nanoTime();
            assertThat(worker.deliverDue()).as("the second pass leaves the hung channel to its drain").isEqualTo(1);
            assertThat(healthy.requests()).hasSize(2);
            assertThat(elapsed(secondStarted)).isLessThan(HEALTHY_BOUND);
            assertThat(firstPass).as("the first pass still waits for the hung receiver").isNotDone();

            assertThat(firstPass.get()).as("one attempt at each channel").isEqualTo(2);
            assertThat(elapsed(started)).as("the hung attempt ended by its read timeout").isGreaterThanOrEqualTo(READ_TIMEOUT);
            Map<String, Object> timedOut = deliveries(hungChannel).getFirst();
            assertThat(timedOut).containsEntry("status", "pending").containsEntry("attempts", 1);
            assertThat((String) timedOut.get("lastError")).contains("SocketTimeoutException");
            assertThat(hung.connections()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(5));
            CompletableFuture<Integer> retryPass = CompletableFuture.supplyAsync(worker::deliverDue);
            awaitConnections(hung, 2);
            assertThat(retryPass.get()).isEqualTo(1);
            assertThat(deliveries(hungChannel).getFirst()).containsEntry("status", "pending").containsEntry("attempts", 2);
        }
    }

    private String channel(String url) {
        String id = Api.asAdmin().body(Map.of("name", "hang-" + UUID.randomUUID(), "kind", "webhook", "url", url))
                .post("/api/v1/channels").then().statusCode(201).extract().path("id");
        channels.add(id);
        return id;
    }

    private static void sendTest(String channel) {
        Api.asAdmin().post("/api/v1/channels/{id}/test", channel).then().statusCode(202);
    }

    private static List<Map<String, Object>> deliveries(String channel) {
        return Api.asAdmin().get("/api/v1/channels/{id}/deliveries", channel).then().statusCode(200).extract().path("$");
    }

    private static void awaitRequests(Receiver receiver, int count, long since) throws InterruptedException {
        while (receiver.requests().size() < count && elapsed(since).compareTo(Duration.ofSeconds(30)) < 0) {
            Thread.sleep(10);
        }
    }

    private static void awaitConnections(HangingReceiver receiver, int count) throws InterruptedException {
        long since = System.nanoTime();
        while (receiver.connections() < count && elapsed(since).compareTo(Duration.ofSeconds(30)) < 0) {
            Thread.sleep(10);
        }
        assertThat(receiver.connections()).isEqualTo(count);
    }

    private static Duration elapsed(long sinceNanos) {
        return Duration.ofNanos(System.nanoTime() - sinceNanos);
    }
}
