package io.callready.agent.plan;

import io.callready.wire.plan.ProbeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class PlanStoreTest {
    private static final String AGENT = "5d0c8a4e-7f31-4a7e-9c55-1f8b6f0d2a11";
    private static final Instant T0 = Instant.parse("2026-11-21T15:40:00Z");
    private static final String PLAN = """
            {"probes": [{"kind": "rtp_burst", "name": "central", "reflector": "127.0.0.1:5004", "burst": "200ms", "interval": "1s"}]}
            """;

    @TempDir
    Path stateDir;

    @Test
    void aSavedPlanComesBackWithItsEtagAndTimeAndNoTempFileIsLeft() throws Exception {
        PlanStore store = new PlanStore(stateDir, AGENT);
        store.save(PLAN, "\"v7\"", T0);

        PlanStore.Saved saved = new PlanStore(stateDir, AGENT).load().orElseThrow();
        assertThat(saved.plan().probes()).extracting(ProbeSpec::name).containsExactly("central");
        assertThat(saved.etag()).isEqualTo("\"v7\"");
        assertThat(saved.fetchedAt()).isEqualTo(T0);
        try (var files = Files.list(stateDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(PlanStore.FILE);
        }
    }

    @Test
    void noFileMeansNoPlanAndNoComplaint() {
        List<String> severe = capture(() -> assertThat(new PlanStore(stateDir, AGENT).load()).isEmpty());
        assertThat(severe).isEmpty();
    }

    @Test
    void corruptFilesAreReportedWithTheFileAndWhyAndIgnored() throws Exception {
        Path file = stateDir.resolve(PlanStore.FILE);
        String good = "{\"agentId\":\"" + AGENT + "\",\"etag\":\"x\",\"fetchedAt\":\"2026-11-21T15:40:00Z\",\"plan\":" + PLAN.strip() + "}";
        List<String> cases = List.of(
                good.substring(0, good.length() / 2),                                   // cut short
                "\u0000\u0000\u0000",                                                    // zeroed blocks after a crash
                "{\"agentId\":\"" + AGENT + "\",\"fetchedAt\":\"2026-11-21T15:40:00Z\"}",  // no plan
                good.replace(AGENT, "another-agent"),                                    // another agent's plan
                good.replace("rtp_burst", "teleport"),                                   // a kind this agent does not know
                good.replace("2026-11-21T15:40:00Z", "yesterday"));                      // unreadable time
        for (String content : cases) {
            Files.writeString(file, content);
            List<String> severe = capture(() -> assertThat(new PlanStore(stateDir, AGENT).load()).as(content).isEmpty());
            assertThat(severe).as(content).singleElement().asString().contains(file.toString(), "ignoring it");
        }
    }

    private static List<String> capture(Runnable action) {
        List<String> out = new ArrayList<>();
        Logger log = Logger.getLogger(PlanStore.class.getName());
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord record) {
                out.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(h);
        try {
            action.run();
        } finally {
            log.removeHandler(h);
        }
        return out;
    }
}
