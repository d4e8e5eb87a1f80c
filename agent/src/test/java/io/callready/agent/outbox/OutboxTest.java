package io.callready.agent.outbox;

import io.callready.wire.Json;
import io.callready.wire.result.ProbeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
    void quarantineKeepsTheResultAndItsReasonInOneFileAndLeavesThePendingQueue() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        ProbeResult bad = TestResults.result(T0);
        outbox.add(bad);
        outbox.add(TestResults.result(T0.plusSeconds(1)));
        Outbox.Entry entry = outbox.oldest(1).getFirst();
        QuarantineReason reason = QuarantineReason.collector(400, "refused",
                List.of(new DeliveryOutcome.FieldError("results[0].metrics.rtt_min_ms", "must be >= 0")));

        Path file = outbox.quarantine(entry, reason).orElseThrow();

        assertThat(file).isEqualTo(stateDir.resolve("outbox/quarantine").resolve(entry.file().getFileName()));
        Outbox.Quarantined kept = Json.newMapper().readValue(file.toFile(), Outbox.Quarantined.class);
        assertThat(kept).isEqualTo(new Outbox.Quarantined(T0, reason, bad));
        assertThat(outbox.pendingCount()).isEqualTo(1);
        assertThat(outbox.contains(entry)).isFalse();
        assertThat(outbox.quarantine(entry, reason)).as("no longer pending: nothing to do").isEmpty();
        assertThat(outbox.quarantinedCount()).isEqualTo(1);
        assertThat(names(outbox.quarantineDir())).hasSize(1);
    }

    @Test
    void aResultThatNeverEnteredTheQueueCanBeQuarantined() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        ProbeResult bad = TestResults.result(T0);
        QuarantineReason reason = QuarantineReason.agent(List.of(new DeliveryOutcome.FieldError("metrics.rtt_min_ms", "must be >= 0")));

        Path file = outbox.quarantineUnqueued(bad, reason);

        assertThat(Json.newMapper().readValue(file.toFile(), Outbox.Quarantined.class).result()).isEqualTo(bad);
        assertThat(outbox.pendingCount()).isZero();
        assertThat(outbox.quarantinedCount()).isEqualTo(1);
    }

    @Test
    void capDropsTheOldestAndCountsAndLogsThem() throws Exception {
        List<String> warnings = new ArrayList<>();
        Logger log = Logger.getLogger(Outbox.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) warnings.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            fillPastTheCap(warnings);
        } finally {
            log.removeHandler(capture);
        }
    }

    private void fillPastTheCap(List<String> warnings) throws Exception {
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
        assertThat(names(outbox.pendingDir())).hasSize(3);
        assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w).contains("dropped the 1 oldest results"));
        assertThat(warnings.getLast()).contains("2 dropped since start");
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
