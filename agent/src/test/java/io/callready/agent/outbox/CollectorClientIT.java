package io.callready.agent.outbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How each collector answer, from a real HTTP server on loopback, is read: stored, refused by name, split, retried. */
class CollectorClientIT {
    private static final Instant T0 = Instant.parse("2026-11-21T15:40:00Z");
    private static final Map<String, String> PROBLEM = Map.of("Content-Type", "application/problem+json");

    private FakeCollector collector;
    private CollectorClient client;

    @BeforeEach
    void start() throws Exception {
        collector = new FakeCollector();
        client = new CollectorClient(collector.resultsUri(), () -> "t", Clock.fixed(T0, ZoneOffset.UTC), "test");
    }

    @AfterEach
    void stop() {
        collector.close();
    }

    private DeliveryOutcome answer(FakeCollector.Reply reply) {
        collector.then(reply);
        return client.send(List.of(TestResults.result(T0), TestResults.result(T0)));
    }

    @Test
    void receiptsWithAndWithoutRejectedResults() {
        assertThat(answer(FakeCollector.Reply.ok())).isEqualTo(new DeliveryOutcome.Accepted(200, List.of()));
        assertThat(answer(new FakeCollector.Reply(200, Map.of(), "{\"accepted\":1,\"duplicates\":0,\"rejected\":"
                + "[{\"index\":1,\"id\":\"x\",\"errors\":[{\"field\":\"results[1].target\",\"message\":\"too long\"}]},{\"id\":\"no index\"}]}")))
                .isEqualTo(new DeliveryOutcome.Accepted(200, List.of(new DeliveryOutcome.RefusedResult(1, "x",
                        List.of(new DeliveryOutcome.FieldError("results[1].target", "too long"))))));
    }

    @Test
    void fourHundredsNamingResultsOrNot() {
        assertThat(answer(new FakeCollector.Reply(400, PROBLEM, "{\"status\":400,\"rejected\":[{\"index\":0,\"errors\":[]}]}")))
                .isInstanceOfSatisfying(DeliveryOutcome.ResultsRefused.class, r -> assertThat(r.refused()).singleElement()
                        .extracting(DeliveryOutcome.RefusedResult::index).isEqualTo(0));
        assertThat(answer(new FakeCollector.Reply(400, PROBLEM, "{\"status\":400,\"rejected\":[]}"))).isInstanceOf(DeliveryOutcome.BatchRefused.class);
        assertThat(answer(new FakeCollector.Reply(400, PROBLEM, "{\"status\":400,\"detail\":\"bad\"}"))).isInstanceOf(DeliveryOutcome.BatchRefused.class);
        assertThat(answer(new FakeCollector.Reply(413, PROBLEM, "{\"status\":413}"))).isInstanceOf(DeliveryOutcome.BatchRefused.class);
        assertThat(answer(new FakeCollector.Reply(422, Map.of(), "not json"))).isInstanceOf(DeliveryOutcome.BatchRefused.class);
    }

    @Test
    void serverFailuresAreSuspectsButUnavailabilityIsNot() {
        assertThat(answer(FakeCollector.Reply.status(500))).isInstanceOf(DeliveryOutcome.ServerFailed.class);
        assertThat(answer(FakeCollector.Reply.status(502))).isInstanceOf(DeliveryOutcome.ServerFailed.class);
        assertThat(answer(FakeCollector.Reply.status(503))).isInstanceOf(DeliveryOutcome.Retry.class);
        assertThat(answer(FakeCollector.Reply.status(504))).isInstanceOf(DeliveryOutcome.Retry.class);
        assertThat(answer(new FakeCollector.Reply(500, Map.of("Retry-After", "5"), ""))).isInstanceOf(DeliveryOutcome.Retry.class);
        assertThat(answer(FakeCollector.Reply.status(429))).isInstanceOf(DeliveryOutcome.Retry.class);
        assertThat(answer(FakeCollector.Reply.status(408))).isInstanceOf(DeliveryOutcome.Retry.class);
    }

    @Test
    void aWrongAddressOrTokenKeepsEverythingQueued() {
        assertThat(answer(new FakeCollector.Reply(301, Map.of("Location", "https://elsewhere/"), ""))).isInstanceOfSatisfying(
                DeliveryOutcome.Retry.class, r -> assertThat(r.why()).contains("https://elsewhere/", "collector.url"));
        assertThat(answer(FakeCollector.Reply.status(404))).isInstanceOf(DeliveryOutcome.Retry.class);
        assertThat(answer(FakeCollector.Reply.status(405))).isInstanceOf(DeliveryOutcome.Retry.class);
        assertThat(answer(FakeCollector.Reply.status(401))).isInstanceOf(DeliveryOutcome.Retry.class);
        assertThat(answer(FakeCollector.Reply.status(403))).isInstanceOf(DeliveryOutcome.Retry.class);
    }
}
