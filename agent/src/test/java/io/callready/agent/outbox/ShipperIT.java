package io.callready.agent.outbox;

import io.callready.wire.result.ProbeResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ShipperIT {
    private static final Instant T0 = Instant.parse("2026-11-21T15:40:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final String TOKEN = "agent-token-123";

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

    private Shipper shipper(Outbox outbox, int batchSize) {
        CollectorClient client = new CollectorClient(collector.resultsUri(), () -> TOKEN, CLOCK, "callready-agent/test");
        return new Shipper(outbox, client, batchSize, Duration.ofSeconds(10), sleeps::add, new Backoff(new Random(1)));
    }

    private Set<UUID> fill(Outbox outbox, int n) throws Exception {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < n; i++) {
            ProbeResult r = TestResults.result(T0.plusSeconds(i));
            outbox.add(r);
            ids.add(r.id());
        }
        return ids;
    }

    /** Every result in a 2xx-answered request, once each. */
    private List<UUID> acceptedIds() {
        return collector.received().stream()
                .filter(r -> r.answeredWith() / 100 == 2)
                .flatMap(r -> r.batch().results().stream())
                .map(ProbeResult::id)
                .toList();
    }

    @Test
    void retriesThroughThree503sThenDeliversEachResultOnce() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        Set<UUID> ids = fill(outbox, 10);
        collector.then(FakeCollector.Reply.status(503)).then(FakeCollector.Reply.status(503)).then(FakeCollector.Reply.status(503));
        Shipper shipper = shipper(outbox, 4);

        shipper.shipPending();

        assertThat(acceptedIds()).hasSize(10).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(outbox.pendingCount()).isZero();
        try (Stream<Path> left = Files.list(outbox.pendingDir())) {
            assertThat(left).isEmpty();
        }
        assertThat(collector.received()).hasSize(6);
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(0).toMillis()).isBetween(800L, 1200L);
        assertThat(sleeps.get(1).toMillis()).isBetween(1600L, 2400L);
        assertThat(sleeps.get(2).toMillis()).isBetween(3200L, 4800L);
        assertThat(shipper.deliveredCount()).isEqualTo(10);
    }

    @Test
    void requestsCarryBearerTokenGzipAndTheResultsPath() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        fill(outbox, 1);
        shipper(outbox, 500).shipPending();

        FakeCollector.Received r = collector.received().getFirst();
        assertThat(r.path()).isEqualTo("/api/v1/results");
        assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(r.contentEncoding()).isEqualTo("gzip");
        assertThat(r.batch().results()).hasSize(1);
    }

    @Test
    void retryAfterSecondsIsHonoured() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        fill(outbox, 2);
        collector.then(new FakeCollector.Reply(429, Map.of("Retry-After", "7"), ""));

        shipper(outbox, 500).shipPending();

        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
        assertThat(acceptedIds()).hasSize(2);
    }

    @Test
    void retryAfterHttpDateIsHonoured() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        fill(outbox, 1);
        collector.then(new FakeCollector.Reply(503, Map.of("Retry-After", "Sat, 21 Nov 2026 15:41:30 GMT"), ""));

        shipper(outbox, 500).shipPending();

        assertThat(sleeps).containsExactly(Duration.ofSeconds(90));
    }

    @Test
    void badRequestNamingNoResultSplitsTheBatchAndQuarantinesOnlyTheResultAtFaultWithTheBody() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        Set<UUID> ids = fill(outbox, 3);
        UUID bad = outbox.oldest(1).getFirst().result().id();
        collector.answerWith(batch -> batch.stream().anyMatch(r -> r.id().equals(bad))
                ? new FakeCollector.Reply(400, Map.of("Content-Type", "application/problem+json"),
                "{\"title\":\"Bad Request\",\"detail\":\"results[0].metrics: unknown unit\"}")
                : FakeCollector.Reply.ok());
        Shipper shipper = shipper(outbox, 2);

        shipper.shipPending();

        assertThat(outbox.pendingCount()).isZero();
        assertThat(sleeps).as("the lone bad result waits once, until the collector has stored another batch").hasSize(1);
        assertThat(shipper.quarantinedCount()).isEqualTo(1);
        ids.remove(bad);
        assertThat(acceptedIds()).containsExactlyInAnyOrderElementsOf(ids);
        Path quarantined;
        try (Stream<Path> files = Files.list(outbox.quarantineDir())) {
            quarantined = files.findFirst().orElseThrow();
        }
        assertThat(quarantined.getFileName().toString()).contains(bad.toString());
        assertThat(Files.readString(quarantined)).contains("\"httpStatus\" : 400").contains("unknown unit");
        try (Stream<Path> dirs = Files.list(outbox.rejectedDir())) {
            assertThat(dirs).isEmpty();
        }
    }

    @Test
    void refusedTokenKeepsResultsQueuedUntilTheAgentIsEnrolledAgain() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        Set<UUID> ids = fill(outbox, 2);
        collector.then(FakeCollector.Reply.status(401));
        collector.then(FakeCollector.Reply.status(403));

        shipper(outbox, 500).shipPending();

        assertThat(sleeps).hasSize(2);
        assertThat(acceptedIds()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(outbox.pendingCount()).isZero();
        assertThat(Files.exists(outbox.rejectedDir()) ? Files.list(outbox.rejectedDir()).count() : 0).isZero();
    }

    @Test
    void networkErrorIsRetried() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        fill(outbox, 1);
        collector.close();
        CollectorClient client = new CollectorClient(collector.resultsUri(), () -> TOKEN, CLOCK, "t");
        FakeCollector revived = new FakeCollector();
        try {
            int[] attempts = {0};
            Shipper shipper = new Shipper(outbox, client, 500, Duration.ofSeconds(10), d -> {
                sleeps.add(d);
                if (++attempts[0] >= 2) throw new InterruptedException("stop");
            }, new Backoff(new Random(1)));
            try {
                shipper.shipPending();
            } catch (InterruptedException expected) {
                // the test's sleeper stops the loop after two retries
            }
            assertThat(sleeps).hasSize(2);
            assertThat(outbox.pendingCount()).isEqualTo(1);
        } finally {
            revived.close();
        }
    }

    @Test
    void aNewOutboxOnTheSameDirectoryShipsWhatACrashedOneLeft() throws Exception {
        Set<UUID> ids = fill(Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK), 5);
        // the first process "crashes" here: nothing shipped, nothing closed

        Outbox afterRestart = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        shipper(afterRestart, 500).shipPending();

        assertThat(acceptedIds()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(afterRestart.pendingCount()).isZero();
    }

    @Test
    void backgroundLoopShipsOnWakeAndFlushesOnClose() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        CollectorClient client = new CollectorClient(collector.resultsUri(), () -> TOKEN, CLOCK, "t");
        Shipper shipper = new Shipper(outbox, client, 500, Duration.ofMinutes(10), Sleeper.REAL, new Backoff(new Random(1)));
        shipper.start();
        fill(outbox, 2);
        shipper.wake();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (outbox.pendingCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(outbox.pendingCount()).isZero();

        fill(outbox, 1);
        shipper.close();
        assertThat(outbox.pendingCount()).isZero();
        assertThat(acceptedIds()).hasSize(3);
    }
}
