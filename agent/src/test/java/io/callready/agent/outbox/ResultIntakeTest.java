package io.callready.agent.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.wire.Json;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ResultIntakeTest {
    private static final Instant T0 = Instant.parse("2026-11-21T15:40:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path stateDir;

    private static ProbeResult withMetric(ProbeResult r, String key, double value) {
        Map<String, Double> metrics = new HashMap<>(r.metrics());
        metrics.put(key, value);
        return new ProbeResult(r.id(), r.agentId(), r.kind(), r.target(), r.startedAt(), r.durationMs(), r.status(), r.reason(),
                metrics, r.labels(), r.details());
    }

    @Test
    void aValidResultIsQueuedAndNoted() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        ResultIntake intake = new ResultIntake(outbox, CLOCK, ResultRules.Window.DEFAULT, ProducedJournal.in(outbox));
        ProbeResult r = TestResults.result(T0);

        assertThat(intake.take(r)).isTrue();

        assertThat(outbox.oldest(10)).extracting(Outbox.Entry::result).containsExactly(r);
        assertThat(Files.readString(ProducedJournal.in(outbox).file())).isEqualTo(T0 + " " + r.id() + " rtp_burst queued\n");
        assertThat(intake.invalidCount()).isZero();
    }

    @Test
    void anInvalidResultIsQuarantinedWithEveryViolationLoggedOnceAndNeverQueued() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        ResultIntake intake = new ResultIntake(outbox, CLOCK, ResultRules.Window.DEFAULT, ProducedJournal.in(outbox));
        ProbeResult bad = withMetric(TestResults.result(T0.minusSeconds(8 * 86_400)), "rtt_min_ms", -0.003);
        List<LogRecord> logged = new ArrayList<>();
        Logger log = Logger.getLogger(ResultIntake.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
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
            assertThat(intake.take(bad)).isFalse();
        } finally {
            log.removeHandler(capture);
        }

        assertThat(outbox.pendingCount()).isZero();
        assertThat(intake.invalidCount()).isEqualTo(1);
        Path file;
        try (Stream<Path> files = Files.list(outbox.quarantineDir())) {
            file = files.findFirst().orElseThrow();
        }
        JsonNode doc = Json.newMapper().readTree(file.toFile());
        assertThat(doc.path("result").path("metrics").path("rtt_min_ms").asDouble()).as("kept as measured, not clamped")
                .isEqualTo(-0.003);
        assertThat(doc.path("reason").path("source").asText()).isEqualTo("agent");
        assertThat(doc.path("reason").path("errors")).extracting(e -> e.path("field").asText())
                .containsExactlyInAnyOrder("startedAt", "metrics.rtt_min_ms");
        assertThat(logged).hasSize(1);
        assertThat(logged.getFirst().getLevel()).isEqualTo(Level.SEVERE);
        assertThat(logged.getFirst().getMessage()).contains("rtp_burst", bad.id().toString(), "metrics.rtt_min_ms", "startedAt");
        assertThat(Files.readString(ProducedJournal.in(outbox).file())).endsWith(bad.id() + " rtp_burst quarantined\n");
    }

    @Test
    void theJournalKeepsOnePreviousFileWhenFull() throws Exception {
        Outbox outbox = Outbox.open(stateDir, Outbox.DEFAULT_MAX_PENDING_BYTES, CLOCK);
        ProducedJournal journal = new ProducedJournal(stateDir.resolve("outbox"), 200);
        ResultIntake intake = new ResultIntake(outbox, CLOCK, ResultRules.Window.DEFAULT, journal);
        for (int i = 0; i < 7; i++) {
            intake.take(TestResults.result(T0.plusSeconds(i)));
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(stateDir.resolve("outbox/produced.log.1")));
        lines.addAll(Files.readAllLines(journal.file()));
        assertThat(Files.size(journal.file())).isLessThanOrEqualTo(200);
        assertThat(lines.getLast()).startsWith(T0.plusSeconds(6).toString());
        assertThat(lines.size()).isBetween(2, 7);
    }
}
