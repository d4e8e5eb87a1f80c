package io.callready.agent.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.wire.Json;
import io.callready.wire.result.ProbeResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipper against a real HTTP server on loopback whose answers are scripted per batch: partial refusals by
 * index, 400 naming no result, 500 for any batch holding a poison result, 503 and no server at all. Exactly the
 * results at fault end in quarantine, with reasons; every other result is stored exactly once.
 */
class ShipperQuarantineIT {
    private static final Instant T0 = Instant.parse("2026-11-21T15:40:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final Map<String, String> PROBLEM = Map.of("Content-Type", "application/problem+json");
    private final ObjectMapper json = Json.newMapper();

    @TempDir
    Path stateDir;

    private FakeCollector collector;
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void startCollector() throws Exception {
        collector = new FakeCollector();
    }

    @AfterEach
    void stopCollector() {
        collector.close();
    }

    private Shipper shipper(Outbox outbox, URI uri, int batchSize, Sleeper sleeper) {
        CollectorClient client = new CollectorClient(uri, () -> "t", CLOCK, "callready-agent/test");
        return new Shipper(outbox, client, batchSize, Duration.ofSeconds(10), sleeper, new Backoff(new Random(1)), 3);
    }

    private Shipper shipper(Outbox outbox, int batchSize) {
        return shipper(outbox, collector.resultsUri(), batchSize, sleeps::add);
    }

    private List<UUID> fill(Outbox outbox, int n) throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ProbeResult r = TestResults.result(T0.plusSeconds(i));
            outbox.add(r);
            ids.add(r.id());
        }
        return ids;
    }

    /** Ids the collector stored: those of 2xx answers, minus those the receipt refused. */
    private List<UUID> storedIds(Map<UUID, Boolean> refusedIn2xx) {
        return collector.received().stream().filter(r -> r.answeredWith() / 100 == 2)
                .flatMap(r -> r.batch().results().stream()).map(ProbeResult::id)
                .filter(id -> !refusedIn2xx.containsKey(id)).toList();
    }

    private Map<UUID, JsonNode> quarantined(Outbox outbox) throws Exception {
        Map<UUID, JsonNode> out = new HashMap<>();
        try (Stream<Path> files = Files.list(outbox.quarantineDir())) {
            for (Path f : files.toList()) {
                JsonNode doc = json.readTree(f.toFile());
                out.put(UUID.fromString(doc.path("result").path("id").asText()), doc);
            }
        }
        return out;
    }

    private static String rejectedJson(List<ProbeResult> batch, Set<UUID> bad) {
        return IntStream.range(0, batch.size()).filter(i -> bad.contains(batch.get(i).id()))
                .mapToObj(i -> "{\"index\":" + i + ",\"id\":\"" + batch.get(i).id()
                        + "\",\"errors\":[{\"field\":\"results[" + i + "].metrics.rtt_min_ms\",\"message\":\"must be >= 0\"}]}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void partialRefusalQuarantinesTheNamedResultsAndDeletesTheStoredOnes() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        List<UUID> ids = fill(outbox, 50);
        Set<UUID> bad = Set.of(ids.get(3), ids.get(17), ids.get(44));
        Map<UUID, Boolean> refused = new HashMap<>();
        bad.forEach(id -> refused.put(id, true));
        collector.answerWith(batch -> new FakeCollector.Reply(200, Map.of("Content-Type", "application/json"),
                "{\"accepted\":" + (batch.size() - batch.stream().filter(r -> bad.contains(r.id())).count())
                        + ",\"duplicates\":0,\"rejected\":" + rejectedJson(batch, bad) + "}"));
        Shipper shipper = shipper(outbox, 20);

        shipper.shipPending();

        assertThat(collector.received()).as("one request per batch, nothing sent twice").hasSize(3);
        assertThat(storedIds(refused)).hasSize(47).doesNotHaveDuplicates().doesNotContainAnyElementsOf(bad);
        Map<UUID, JsonNode> q = quarantined(outbox);
        assertThat(q.keySet()).containsExactlyInAnyOrderElementsOf(bad);
        assertThat(q.values()).allSatisfy(doc -> {
            assertThat(doc.path("reason").path("source").asText()).isEqualTo("collector");
            assertThat(doc.path("reason").path("httpStatus").asInt()).isEqualTo(200);
            assertThat(doc.path("reason").path("errors").get(0).path("message").asText()).isEqualTo("must be >= 0");
        });
        assertThat(shipper.quarantinedCount()).isEqualTo(3);
        assertThat(shipper.deliveredCount()).isEqualTo(47);
        assertThat(outbox.pendingCount()).isZero();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aRefusalWhoseIdDoesNotFitItsIndexQuarantinesNothingAndKeepsThatResultQueued() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        List<UUID> ids = fill(outbox, 3);
        collector.then(new FakeCollector.Reply(200, Map.of(), "{\"accepted\":2,\"duplicates\":0,\"rejected\":["
                + "{\"index\":1,\"id\":\"" + UUID.randomUUID() + "\",\"errors\":[]},{\"index\":7,\"errors\":[]}]}"));
        Shipper shipper = shipper(outbox, 3);

        shipper.shipPending();

        assertThat(quarantined(outbox)).isEmpty();
        assertThat(collector.received()).hasSize(2);
        assertThat(collector.received().get(1).batch().results()).extracting(ProbeResult::id).containsExactly(ids.get(1));
        assertThat(outbox.pendingCount()).isZero();
    }

    @Test
    void badRequestNamingResultsQuarantinesExactlyThoseAndResendsTheRest() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        List<UUID> ids = fill(outbox, 10);
        Set<UUID> bad = Set.of(ids.get(0), ids.get(6));
        collector.answerWith(batch -> batch.stream().anyMatch(r -> bad.contains(r.id()))
                ? new FakeCollector.Reply(400, PROBLEM, "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"invalid results\","
                + "\"errors\":[],\"rejected\":" + rejectedJson(batch, bad) + "}")
                : FakeCollector.Reply.ok());
        Shipper shipper = shipper(outbox, 10);

        shipper.shipPending();

        assertThat(quarantined(outbox).keySet()).containsExactlyInAnyOrderElementsOf(bad);
        assertThat(storedIds(Map.of())).hasSize(8).doesNotHaveDuplicates().doesNotContainAnyElementsOf(bad);
        assertThat(collector.received()).hasSize(2);
        assertThat(shipper.splitCount()).isZero();
    }

    @Test
    void badRequestNamingNoResultIsolatesEachBadOneInLogSteps() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        List<UUID> ids = fill(outbox, 64);
        Set<UUID> bad = Set.of(ids.get(9), ids.get(50));
        collector.answerWith(batch -> batch.stream().anyMatch(r -> bad.contains(r.id()))
                ? new FakeCollector.Reply(400, PROBLEM, "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"cannot read the batch\","
                + "\"errors\":[{\"field\":\"results\",\"message\":\"malformed\"}]}")
                : FakeCollector.Reply.ok());
        Shipper shipper = shipper(outbox, 64);

        shipper.shipPending();

        Map<UUID, JsonNode> q = quarantined(outbox);
        assertThat(q.keySet()).containsExactlyInAnyOrderElementsOf(bad);
        assertThat(q.values()).allSatisfy(doc -> {
            assertThat(doc.path("reason").path("httpStatus").asInt()).isEqualTo(400);
            assertThat(doc.path("reason").path("message").asText()).contains("cannot read the batch");
            assertThat(doc.path("reason").path("errors").get(0).path("field").asText()).isEqualTo("results");
        });
        assertThat(storedIds(Map.of())).hasSize(62).doesNotHaveDuplicates().doesNotContainAnyElementsOf(bad);
        // one split at the top, then log2(32) = 5 for each half holding a bad result; two requests per split, and a
        // lone bad result is asked about once more after the collector stored another batch
        assertThat(shipper.splitCount()).isLessThanOrEqualTo(1 + 2 * 5);
        assertThat(collector.received().size()).isLessThanOrEqualTo(1 + 2 * 2 * 5 + 2 * 2);
        assertThat(sleeps).as("at most one wait for that proof per bad result").hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void repeated500ForAPoisonResultIsolatesItAndDeliversEveryOtherOnce() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        List<UUID> ids = fill(outbox, 32);
        UUID poison = ids.get(0);
        collector.answerWith(batch -> batch.stream().anyMatch(r -> r.id().equals(poison))
                ? new FakeCollector.Reply(500, PROBLEM, "{\"title\":\"Internal Server Error\",\"status\":500}")
                : FakeCollector.Reply.ok());
        Shipper shipper = shipper(outbox, 32);

        shipper.shipPending();

        Map<UUID, JsonNode> q = quarantined(outbox);
        assertThat(q.keySet()).containsExactly(poison);
        assertThat(q.get(poison).path("reason").path("message").asText()).contains("collector failed on it with HTTP 500 4 times");
        assertThat(storedIds(Map.of())).hasSize(31).doesNotHaveDuplicates().doesNotContain(poison);
        assertThat(shipper.splitCount()).isEqualTo(5);
        long fiveHundreds = collector.received().stream().filter(r -> r.answeredWith() == 500).count();
        assertThat(fiveHundreds).as("3 per split level, then the lone result's own 3 and one after proof").isEqualTo(5 * 3 + 4);
        assertThat(outbox.pendingCount()).isZero();
    }

    @Test
    void aCollectorThatRefusesEverythingWithoutNamingResultsQuarantinesNothing() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        fill(outbox, 8);
        // e.g. a proxy in front of the collector that refuses every body
        collector.answerWith(batch -> new FakeCollector.Reply(400, Map.of("Content-Type", "text/html"), "<h1>Bad Request</h1>"));
        int[] waits = {0};
        Shipper shipper = shipper(outbox, collector.resultsUri(), 8, d -> {
            if (++waits[0] > 50) throw new InterruptedException("enough");
        });

        try {
            shipper.shipPending();
        } catch (InterruptedException expected) {
            // the sleeper ends the run after 50 waits
        }

        assertThat(quarantined(outbox)).isEmpty();
        assertThat(outbox.pendingCount()).isEqualTo(8);

        collector.answerWith(batch -> FakeCollector.Reply.ok());
        shipper(outbox, 8).shipPending();
        assertThat(outbox.pendingCount()).isZero();
        assertThat(storedIds(Map.of())).hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void aCollectorThatFailsOnEverythingQuarantinesNothing() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        fill(outbox, 8);
        collector.answerWith(batch -> FakeCollector.Reply.status(500));
        int[] waits = {0};
        Shipper shipper = shipper(outbox, collector.resultsUri(), 8, d -> {
            if (++waits[0] > 200) throw new InterruptedException("enough");
        });

        try {
            shipper.shipPending();
        } catch (InterruptedException expected) {
            // the sleeper ends the run after 200 waits
        }

        assertThat(quarantined(outbox)).isEmpty();
        assertThat(outbox.pendingCount()).isEqualTo(8);
        assertThat(collector.received()).hasSizeGreaterThan(200);

        collector.answerWith(batch -> FakeCollector.Reply.ok());
        shipper(outbox, 8).shipPending();
        assertThat(outbox.pendingCount()).isZero();
        assertThat(storedIds(Map.of())).hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void unavailableCollectorNeverQuarantines() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        List<UUID> ids = fill(outbox, 6);
        for (int i = 0; i < 12; i++) {
            collector.then(FakeCollector.Reply.status(i % 2 == 0 ? 503 : 504));
        }

        shipper(outbox, 4).shipPending();

        assertThat(quarantined(outbox)).isEmpty();
        assertThat(sleeps).hasSize(12);
        assertThat(storedIds(Map.of())).containsExactlyInAnyOrderElementsOf(ids);

        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        fill(outbox, 3);
        int[] waits = {0};
        Shipper refused = shipper(outbox, URI.create("http://127.0.0.1:" + freePort + "/api/v1/results"), 1, d -> {
            if (++waits[0] >= 10) throw new InterruptedException("enough");
        });
        try {
            refused.shipPending();
        } catch (InterruptedException expected) {
            // nobody listens: the sleeper ends the run after 10 waits
        }
        assertThat(quarantined(outbox)).isEmpty();
        assertThat(outbox.pendingCount()).isEqualTo(3);
    }
}
