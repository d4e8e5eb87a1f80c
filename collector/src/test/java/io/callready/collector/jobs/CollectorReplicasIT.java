package io.callready.collector.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.collector.support.CollectorProcess;
import io.callready.collector.support.Receiver;
import io.callready.collector.support.ThrowAwayPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two packaged collectors (separate JVMs, their own HTTP ports) on one PostgreSQL, every job on at a short
 * interval in both, driven only through the API: results that breach thresholds sent to either collector, a
 * webhook receiver that fails the first deliveries. Each alert fires and is announced once, each outbox message is
 * delivered once (also the ones retried), the rollups count every result once (late ones too), and retention runs
 * once per interval between the two, not once per collector.
 */
class CollectorReplicasIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "replicas-admin-token-" + UUID.randomUUID();
    private static final int SITES = 4;
    private static final Duration RETENTION_EVERY = Duration.ofSeconds(2);
    private static final Pattern RETENTION_RUNS = Pattern.compile("callready_jobs_run_seconds_count\\{job=\"retention\",?} (\\S+)");

    @TempDir
    Path dir;

    @Test
    void twoCollectorsOnOneDatabaseDoEachJobOnce() throws Exception {
        assumeTrue(Files.exists(CollectorProcess.JAR), "run mvn package first");
        try (ThrowAwayPostgres postgres = ThrowAwayPostgres.start(dir.resolve("postgres"));
             Receiver sink = Receiver.start().thenReply(Receiver.Reply.of(503), Receiver.Reply.of(503), Receiver.Reply.of(500))) {
            String[] settings = {"-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(), "-Dquarkus.datasource.username=" + postgres.username(),
                    "-Dcallready.admin.token=" + ADMIN, "-Dcallready.notify.allowed-networks=127.0.0.1/32",
                    "-Dcallready.alerts.evaluate-every=1s", "-Dcallready.alerts.group-wait=1S", "-Dcallready.notify.poll-every=1s",
                    "-Dcallready.notify.initial-backoff=1S", "-Dcallready.rollup.interval=1s",
                    "-Dcallready.retention.check-interval=" + RETENTION_EVERY.toSeconds() + "s", "-Dcallready.qos-advice.interval=1s"};
            CompletableFuture<CollectorProcess> startA;
            CompletableFuture<CollectorProcess> startB;
            try (ExecutorService starting = Executors.newFixedThreadPool(2)) {
                startA = CompletableFuture.supplyAsync(() -> start(dir.resolve("a"), settings), starting);
                startB = CompletableFuture.supplyAsync(() -> start(dir.resolve("b"), settings), starting);
            }
            try (CollectorProcess a = startA.join(); CollectorProcess b = startB.join()) {
                List<CollectorProcess> both = List.of(a, b);
                String customer = id(a.post("/api/v1/customers", ADMIN, "{\"name\":\"Replicas\"}"));
                assertThat(a.post("/api/v1/channels", ADMIN, JSON.writeValueAsString(Map.of("name", "on-call", "kind", "webhook",
                        "url", sink.url("/hook")))).statusCode()).isEqualTo(201);
                List<String> agentTokens = new ArrayList<>();
                List<String> agentIds = new ArrayList<>();
                for (int i = 0; i < SITES; i++) {
                    String site = id(b.post("/api/v1/customers/" + customer + "/sites", ADMIN, "{\"name\":\"site-" + i + "\"}"));
                    var agent = JSON.readTree(a.post("/api/v1/sites/" + site + "/agents", ADMIN, "{\"name\":\"agent-" + i + "\"}").body());
                    agentTokens.add(agent.path("token").asText());
                    agentIds.add(agent.path("id").asText());
                }

                Instant now = Instant.now();
                for (int i = 0; i < SITES; i++) {
                    for (int minutesAgo = 4; minutesAgo >= 0; minutesAgo--) {
                        // each site's results alternate between the collectors: neither sees a whole series
                        CollectorProcess via = both.get((i + minutesAgo) % 2);
                        post(via, agentTokens.get(i), agentIds.get(i), "t" + i + ".example.net:5004", now.minus(Duration.ofMinutes(minutesAgo)));
                    }
                }
                await("an alert firing for every site", () -> firing(a, customer) == SITES, both);
                // late results (two hours old) after the rollups have run over the first ones
                for (int i = 0; i < SITES; i++) {
                    post(both.get(i % 2), agentTokens.get(i), agentIds.get(i), "t" + i + ".example.net:5004", now.minus(Duration.ofHours(2)));
                }

                double retentionBefore = retentionRuns(both);
                long watchFrom = System.nanoTime();
                await("every announcement delivered", () -> delivered(sink).size() == SITES, both);
                // both collectors keep evaluating, delivering and rolling up meanwhile
                Thread.sleep(Duration.ofSeconds(8));
                double retentionRuns = retentionRuns(both) - retentionBefore;
                double watchedSeconds = (System.nanoTime() - watchFrom) / 1e9;

                try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), "")) {
                    assertThat(longs(db, "SELECT count(*) FROM alerts GROUP BY site_id")).as("one alert per site").containsExactly(1L, 1L, 1L, 1L);
                    assertThat(longs(db, "SELECT count(*) FROM notify_outbox WHERE alert_id IS NOT NULL GROUP BY alert_id"))
                            .as("one message per alert").containsExactly(1L, 1L, 1L, 1L);
                    assertThat(longs(db, "SELECT count(*) FROM notify_outbox WHERE status <> 'delivered'")).containsExactly(0L);
                    awaitRollups(db, both);
                    long stored = longs(db, "SELECT count(*) FROM results").getFirst();
                    assertThat(stored).isEqualTo(SITES * 6L);
                    assertThat(longs(db, "SELECT sum(result_count) FROM results_5m")).as("5-minute rollups").containsExactly(stored);
                    assertThat(longs(db, "SELECT sum(result_count) FROM results_1h")).as("hourly rollups").containsExactly(stored);
                }
                Map<String, List<Integer>> answers = sink.requests().stream().collect(Collectors.groupingBy(r -> r.header("webhook-id"),
                        Collectors.mapping(Receiver.Request::answeredWith, Collectors.toList())));
                assertThat(answers).hasSize(SITES);
                answers.forEach((message, replies) -> assertThat(replies.stream().filter(s -> s == 200).count())
                        .as("message %s answered %s", message, replies).isEqualTo(1));
                assertThat(answers.values().stream().mapToLong(r -> r.stream().filter(s -> s != 200).count()).sum())
                        .as("the failed first deliveries were retried").isEqualTo(3);
                // at most one pass per 0.9 interval between both collectors (each alone would make one per interval): the
                // lease, in database time; the lower bound only says the job ran, since a busy machine may run it late
                assertThat(retentionRuns).as("retention passes in %.1f s", watchedSeconds)
                        .isBetween(1.0, watchedSeconds / (0.9 * RETENTION_EVERY.toSeconds()) + 1);
            }
        }
    }

    private static CollectorProcess start(Path dataDir, String[] settings) {
        try {
            return CollectorProcess.start(dataDir, settings);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String id(HttpResponse<String> created) throws Exception {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }

    private static void post(CollectorProcess via, String token, String agentId, String target, Instant startedAt) throws Exception {
        Map<String, Object> result = new HashMap<>();
        result.put("id", UUID.randomUUID().toString());
        result.put("agentId", agentId);
        result.put("kind", "rtp_burst");
        result.put("target", target);
        result.put("startedAt", startedAt.toString());
        result.put("durationMs", 1000);
        result.put("status", "degraded");
        result.put("reason", "");
        result.put("metrics", Map.of("jitter_up_ms", 60.0, "jitter_down_ms", 1.0, "mos", 4.3));
        var response = via.post("/api/v1/results", token, JSON.writeValueAsString(Map.of("results", List.of(result))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static int firing(CollectorProcess app, String customer) {
        try {
            return JSON.readTree(app.get("/api/v1/customers/" + customer + "/alerts?state=firing", ADMIN).body()).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> delivered(Receiver sink) {
        return sink.requests().stream().filter(r -> r.answeredWith() == 200).map(r -> r.header("webhook-id")).toList();
    }

    private static double retentionRuns(List<CollectorProcess> apps) throws Exception {
        double runs = 0;
        for (CollectorProcess app : apps) {
            Matcher m = RETENTION_RUNS.matcher(app.get("/q/metrics", ADMIN).body());
            runs += m.find() ? Double.parseDouble(m.group(1)) : 0;
        }
        return runs;
    }

    /** Until the rollup watermark has passed every stored result. */
    private static void awaitRollups(Connection db, List<CollectorProcess> apps) throws Exception {
        await("rollups over every result", () -> {
            try {
                return longs(db, "SELECT count(*) FROM results WHERE received_at >= (SELECT received_before FROM rollup_watermark)").getFirst() == 0;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, apps);
    }

    private static List<Long> longs(Connection db, String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    private static void await(String what, BooleanSupplier done, List<CollectorProcess> apps) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + what + "\n--- collector a:\n" + apps.get(0).output()
                + "\n--- collector b:\n" + apps.get(1).output());
    }
}
