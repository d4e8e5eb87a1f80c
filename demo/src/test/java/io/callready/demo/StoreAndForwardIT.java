package io.callready.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.callready.wire.Json;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Store-and-forward with real processes: collector (embedded PostgreSQL), reflector and agent started as the demo
 * starts them; the agent probes every 2 s and ships in batches of 2. The collector is killed with SIGKILL for longer
 * than several batches, the agent is killed with SIGKILL while the collector is down and restarted (it must probe
 * from the plan it kept on disk), an invalid result is slipped into its queue among valid ones, the collector comes
 * back on the same data directory, and the agent is killed again while it ships the backlog. Afterwards every result
 * the agent produced (its journal) is in PostgreSQL exactly once, except the quarantined ones, each with a reason,
 * and the only result the collector refused is the slipped-in one.
 */
class StoreAndForwardIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private final ObjectMapper json = Json.newMapper();

    @Test
    void everyProducedResultIsStoredExactlyOnceOrQuarantinedWithAReason() throws Exception {
        Path root = Path.of(System.getProperty("callready.root", "..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("callready-store-and-forward-it");
        int dbPort = DemoMain.tcpPortOrFree(0);
        int reflectorPort = DemoMain.udpPortOrFree(0);
        DemoOptions options = new DemoOptions(root, data, 0, Duration.ofSeconds(2), Duration.ofMillis(200),
                DemoMain.tcpPortOrFree(0), reflectorPort, dbPort);
        Demo demo = new Demo(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Artifacts bin = Artifacts.under(root);
        Path logs = data.resolve("logs");
        Path agentConfig = data.resolve("agent/agent.yaml");
        Path state = data.resolve("agent/state");
        Path pending = state.resolve("outbox/pending");
        List<ManagedProcess> started = new ArrayList<>();
        List<ProcessHandle> orphans = new ArrayList<>();
        URI base = URI.create("http://127.0.0.1:" + options.httpPort());
        boolean passed = false;
        try {
            ManagedProcess collector = track(started, demo.startCollector(bin, data));
            track(started, demo.startReflector(bin, data));
            AdminClient api = new AdminClient(base, Files.readString(data.resolve("collector/admin-token")).strip());
            Demo.Enrollment enrollment = demo.enroll(api, bin, base, data.resolve("agent"), agentConfig, logs);
            shipInBatchesOf(agentConfig, 2);
            api.putCustomerPlan(enrollment.customerId(), Map.of("probes", List.of(Map.of("kind", "rtp_burst",
                    "name", "central", "reflector", "127.0.0.1:" + reflectorPort, "burst", "200ms", "interval", "2s"))));

            ManagedProcess agent = track(started, demo.startAgent(bin, agentConfig, logs));
            await("the central plan kept on disk", () -> Files.exists(state.resolve("central-plan.json")));
            await("3 results stored", () -> stored(dbPort, enrollment.agentId()).size() >= 3);

            // the collector dies for longer than several batches
            orphans.addAll(collector.descendants());
            collector.kill();
            await("a backlog of 5 results", () -> count(pending) >= 5);

            // the agent dies too and comes back while the collector is still down
            agent.kill();
            UUID invalid = slipInAnInvalidResult(pending, enrollment.agentId(), reflectorPort);
            int logMark = agent.readLog().size();
            agent = track(started, demo.startAgent(bin, agentConfig, logs));
            ManagedProcess restarted = agent;
            await("the agent says it runs the kept plan", () -> since(restarted, logMark).stream()
                    .anyMatch(l -> l.contains("no plan from the collector at start") && l.contains("running the collector's plan kept on disk")));
            await("2 runs of the kept plan", () -> since(restarted, logMark).stream()
                    .filter(l -> l.contains(" rtp_burst central 127.0.0.1:")).count() >= 2);

            // the collector comes back on the same data directory; the agent is killed while it ships the backlog
            collector = track(started, demo.startCollector(bin, data));
            int backlog = count(pending);
            long shipStart = System.nanoTime();
            // the invalid result quarantined and at least one batch stored, the rest still to ship
            while (count(pending) > backlog - 3 && count(pending) > 0 && System.nanoTime() - shipStart < WAIT.toNanos()) {
                Thread.sleep(2);
            }
            agent.kill();
            int leftAtKill = count(pending);
            System.out.println("agent killed with " + leftAtKill + " of a backlog of " + backlog + " results still pending");

            agent = track(started, demo.startAgent(bin, agentConfig, logs));
            await("the backlog shipped", () -> count(pending) == 0 && !stored(dbPort, enrollment.agentId()).isEmpty());
            Thread.sleep(2000);
            agent.close();

            assertThat(count(pending)).as("a clean stop ships what is left").isZero();
            Map<UUID, String> produced = journal(state.resolve("outbox"));
            Map<UUID, JsonNode> quarantined = quarantined(state.resolve("outbox/quarantine"));
            Map<UUID, Integer> rows = stored(dbPort, enrollment.agentId());

            assertThat(produced).hasSizeGreaterThan(8);
            assertThat(rows.values()).as("no result stored twice").allMatch(n -> n == 1);
            for (Map.Entry<UUID, String> p : produced.entrySet()) {
                assertThat(rows.containsKey(p.getKey()) || quarantined.containsKey(p.getKey()))
                        .as("result %s (%s) is stored or quarantined", p.getKey(), p.getValue()).isTrue();
                assertThat(rows.containsKey(p.getKey()) && quarantined.containsKey(p.getKey()))
                        .as("result %s is not both stored and quarantined", p.getKey()).isFalse();
            }
            assertThat(quarantined.values()).allSatisfy(q -> assertThat(q.path("reason").path("message").asText()).isNotBlank());
            Map<UUID, JsonNode> refusedByCollector = new HashMap<>(quarantined);
            refusedByCollector.values().removeIf(q -> !"collector".equals(q.path("reason").path("source").asText()));
            assertThat(refusedByCollector.keySet()).as("the collector refused only the invalid result").containsExactly(invalid);
            JsonNode reason = refusedByCollector.get(invalid).path("reason");
            // named by index in a 200 receipt; a collector that refuses whole batches says 400 and the agent splits
            assertThat(reason.path("httpStatus").asInt()).isIn(200, 400);
            assertThat(reason.toString()).contains("rtt_min_ms");
            assertThat(rows).doesNotContainKey(invalid);
            passed = true;
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            orphans.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            if (passed) {
                deleteTree(data);
            } else {
                System.out.println("logs and state kept in " + data);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static ManagedProcess track(List<ManagedProcess> started, ManagedProcess p) {
        started.add(p);
        return p;
    }

    /** Small batches, so the backlog takes several requests and a batch holds the invalid result among valid ones. */
    private static void shipInBatchesOf(Path agentConfig, int size) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode config = yaml.readTree(agentConfig.toFile());
        ((ObjectNode) config.get("collector")).put("batch_size", size);
        Files.writeString(agentConfig, yaml.writeValueAsString(config));
    }

    /** A result no probe of this agent would make (negative RTT), dropped into the queue the way the outbox names files. */
    private UUID slipInAnInvalidResult(Path pending, String agentId, int reflectorPort) throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.list(pending)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
        // just after the oldest pending result, so it ships in a batch with a valid one
        long startedMs = Long.parseLong(names.getFirst().substring(0, 13)) + 1;
        ProbeResult bad = new ProbeResult(UUID.randomUUID(), agentId, ProbeKind.RTP_BURST, "127.0.0.1:" + reflectorPort,
                Instant.ofEpochMilli(startedMs), 200, ResultStatus.OK, "all graded metrics good",
                Map.of("rtt_ms", 0.05, "rtt_min_ms", -0.4), Map.of("codec", "pcmu"), null);
        Files.write(pending.resolve(String.format("%013d-%s.json", startedMs, bad.id())), json.writeValueAsBytes(bad));
        return bad.id();
    }

    private static int count(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith(".")).count();
        }
    }

    private static List<String> since(ManagedProcess p, int mark) throws IOException {
        List<String> all = p.readLog();
        return all.subList(Math.min(mark, all.size()), all.size());
    }

    /** Every result id the agent noted as produced ({@code produced.log} and its predecessor), with its fate. */
    private static Map<UUID, String> journal(Path outbox) throws IOException {
        Map<UUID, String> out = new HashMap<>();
        for (Path f : List.of(outbox.resolve("produced.log.1"), outbox.resolve("produced.log"))) {
            if (Files.exists(f)) {
                for (String line : Files.readAllLines(f)) {
                    String[] parts = line.split(" ");
                    out.put(UUID.fromString(parts[1]), line);
                }
            }
        }
        return out;
    }

    private Map<UUID, JsonNode> quarantined(Path dir) throws IOException {
        Map<UUID, JsonNode> out = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                JsonNode doc = json.readTree(f.toFile());
                out.put(UUID.fromString(doc.path("result").path("id").asText()), doc);
            }
        }
        return out;
    }

    /** Stored rows per result id of the agent, read straight from PostgreSQL. */
    private static Map<UUID, Integer> stored(int dbPort, String agentId) throws Exception {
        Map<UUID, Integer> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + dbPort + "/callready", "postgres", "");
             PreparedStatement q = c.prepareStatement("SELECT result_id::text, count(*) FROM results WHERE agent_id::text = ? GROUP BY result_id")) {
            q.setString(1, agentId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.put(UUID.fromString(rs.getString(1)), rs.getInt(2));
                }
            }
        }
        return out;
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        java.sql.SQLException last = null;
        while (true) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (java.sql.SQLException e) {
                // the database is not up yet
                last = e;
            }
            assertThat(System.nanoTime()).as("waiting for " + what + (last == null ? "" : " (last database error: " + last + ")"))
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
