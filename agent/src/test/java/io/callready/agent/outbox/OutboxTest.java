package io.callready.agent.outbox;

import io.callready.wire.result.ProbeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxTest {
    private static final Instant T0 = Instant.parse("2026-11-21T15:40:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path stateDir;

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void eachResultIsItsOwnFileNamedByTimeThenId() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        ProbeResult later = TestResults.result(T0.plusSeconds(60));
        ProbeResult earlier = TestResults.result(T0);
        outbox.add(later);
        outbox.add(earlier);

        assertThat(names(stateDir.resolve("outbox/pending"))).containsExactly(
                String.format("%013d-%s.json", T0.toEpochMilli(), earlier.id()),
                String.format("%013d-%s.json", T0.plusSeconds(60).toEpochMilli(), later.id()));
        assertThat(outbox.oldest(10)).extracting(Outbox.Entry::result).containsExactly(earlier, later);
        assertThat(outbox.oldest(1)).extracting(Outbox.Entry::result).containsExactly(earlier);
        assertThat(outbox.pendingCount()).isEqualTo(2);
    }

    @Test
    void resultsRoundTripExactly() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        ProbeResult r = TestResults.result(T0);
        outbox.add(r);
        assertThat(Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK).oldest(1).getFirst().result()).isEqualTo(r);
    }

    @Test
    void removeDeletesAcceptedResults() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        outbox.add(TestResults.result(T0));
        outbox.add(TestResults.result(T0.plusSeconds(1)));
        outbox.remove(outbox.oldest(1));
        assertThat(outbox.pendingCount()).isEqualTo(1);
        assertThat(names(outbox.pendingDir())).hasSize(1);
    }

    @Test
    void rejectKeepsTheBatchAndTheResponse() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        outbox.add(TestResults.result(T0));
        Path dir = outbox.reject(outbox.oldest(5), 400, "{\"title\":\"bad metric name\"}");

        assertThat(dir.getParent()).isEqualTo(stateDir.resolve("outbox/rejected"));
        assertThat(dir.getFileName().toString()).isEqualTo("20261121T154000.000Z-http400");
        assertThat(Files.readString(dir.resolve("response.txt"))).isEqualTo("HTTP 400\n\n{\"title\":\"bad metric name\"}");
        assertThat(names(dir)).hasSize(2);
        assertThat(outbox.pendingCount()).isZero();
        assertThat(names(outbox.pendingDir())).isEmpty();
    }

    @Test
    void capDropsTheOldestAndCountsThem() throws Exception {
        Outbox probe = Outbox.open(stateDir.resolve("size"), Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        probe.add(TestResults.result(T0));
        long oneResult = probe.pendingBytes();

        Outbox outbox = Outbox.open(stateDir, 3 * oneResult + oneResult / 2, CLOCK);
        for (int i = 0; i < 5; i++) {
            outbox.add(TestResults.result(T0.plusSeconds(i)));
        }
        assertThat(outbox.pendingCount()).isEqualTo(3);
        assertThat(outbox.droppedCount()).isEqualTo(2);
        assertThat(outbox.oldest(10).getFirst().result().startedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void reopeningFindsPendingResultsAndRemovesUnfinishedWrites() throws Exception {
        Outbox first = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        first.add(TestResults.result(T0));
        Files.writeString(first.pendingDir().resolve(".tmp-0001795362000000-x.json"), "{\"trunc");

        Outbox second = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        assertThat(second.pendingCount()).isEqualTo(1);
        assertThat(names(second.pendingDir())).noneMatch(n -> n.startsWith(".tmp-"));
    }

    @Test
    void unreadableFileIsSetAsideNotLost() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        Files.writeString(outbox.pendingDir().resolve("0000000000001-garbage.json"), "not json");
        outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        outbox.add(TestResults.result(T0));

        assertThat(outbox.oldest(10)).hasSize(1);
        assertThat(outbox.pendingCount()).isEqualTo(1);
        assertThat(names(stateDir.resolve("outbox/rejected"))).containsExactly("20261121T154000.000Z-unreadable");
    }
}
