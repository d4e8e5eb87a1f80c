package io.callready.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.wire.Json;
import io.callready.wire.plan.JitterBufferSpec;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultBatch;
import io.callready.wire.result.ResultStatus;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Ingest as it runs by default: a real collector process with a fresh, durable embedded PostgreSQL (fsync,
 * synchronous_commit and full_page_writes on; there is no way to turn them off), fed N RTP-burst-shaped results through {@code POST /api/v1/results} by one agent, one batch at a time as an agent ships, for each batch
 * size asked for, after an untimed warm-up of {@value #WARM_UP_RESULTS} results. Prints rows per second and the
 * median batch latency. Not a test: the figures belong to the machine
 * (its disk above all), which is printed with them. The per-agent rate limit is lifted so the database is measured.
 *
 * <p>Usage: {@code ./callready bench-ingest [RESULTS] [BATCH,BATCH...]}, e.g. {@code ./callready bench-ingest 20000 500,20}.
 * Data directories go under {@code demo/target/ingest-bench} (the repository's disk, not a tmpfs) and are deleted.
 */
public final class IngestBenchmark {
    private static final PrintStream OUT = System.out;
    private static final ObjectMapper JSON = Json.newMapper();
    /** Shipped to each fresh collector before the timed run, so neither side's JIT warm-up is measured. */
    private static final int WARM_UP_RESULTS = 2_000;

    private record Run(String mode, int batch, int rows, double seconds, double medianBatchMs) {
    }

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(".");
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--root") && i + 1 < args.length) {
                root = Path.of(args[++i]);
            } else {
                rest.add(args[i]);
            }
        }
        int results = rest.isEmpty() ? 20_000 : Integer.parseInt(rest.get(0));
        int[] batches = rest.size() < 2 ? new int[]{500} : Arrays.stream(rest.get(1).split(",")).mapToInt(Integer::parseInt).toArray();
        Artifacts bin = Artifacts.under(root.toAbsolutePath().normalize());
        Path work = root.resolve("demo/target/ingest-bench").toAbsolutePath().normalize();
        machine(work);
        List<Run> runs = new ArrayList<>();
        for (int batch : batches) {
            runs.add(measure(bin, work, results, batch));
        }
        OUT.printf(Locale.ROOT, "%n%-28s %6s %8s %9s %10s %12s%n", "embedded PostgreSQL", "batch", "rows", "seconds", "rows/s", "batch p50 ms");
        for (Run r : runs) {
            OUT.printf(Locale.ROOT, "%-28s %6d %8d %9.2f %10.0f %12.1f%n", r.mode(), r.batch(), r.rows(), r.seconds(),
                    r.rows() / r.seconds(), r.medianBatchMs());
        }
    }

    private static void machine(Path work) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        OUT.printf(Locale.ROOT, "machine: %d cores (%s), Java %s, %s, load average %s; data under %s (%s)%n",
                Runtime.getRuntime().availableProcessors(), cpu, Runtime.version(), System.getProperty("os.name"),
                load.substring(0, load.lastIndexOf(' ', load.lastIndexOf(' ') - 1)), work,
                Files.getFileStore(Files.createDirectories(work)).type());
    }

    private static Run measure(Artifacts bin, Path work, int results, int batch) throws Exception {
        String mode = "durable (default)";
        Path data = Files.createTempDirectory(Files.createDirectories(work), "durable-");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(bin.java().toString(), "-Dcallready.data-dir=" + data,
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dcallready.ingest.rate-limit.requests-per-second=100000", "-Dcallready.ingest.rate-limit.burst=100000"));
        cmd.addAll(List.of("-jar", bin.collectorJar().toString()));
        URI base = URI.create("http://127.0.0.1:" + port);
        try (ManagedProcess collector = ManagedProcess.start("collector", cmd, data.resolve("collector.log"))) {
            awaitReady(collector, base);
            collector.readLog().stream().filter(l -> l.contains("Embedded PostgreSQL 16 at")).findFirst()
                    .ifPresent(l -> OUT.println(mode + ": " + l.substring(l.indexOf("Embedded PostgreSQL"))));
            AdminClient admin = new AdminClient(base, Files.readString(data.resolve("admin-token")).strip());
            String site = admin.site(admin.customer("ingest-bench"), "bench");
            JsonNode agent = admin.createAgent(site, "bench-agent");
            String id = agent.path("id").asText();
            String token = agent.path("token").asText();
            ship(mode, base, id, token, WARM_UP_RESULTS, batch);
            return ship(mode, base, id, token, results, batch);
        } finally {
            deleteTree(data);
        }
    }

    private static Run ship(String mode, URI base, String agentId, String token, int results, int batch) throws Exception {
        Random rnd = new Random(1);
        double[] batchMs = new double[(results + batch - 1) / batch];
        int stored = 0;
        long start = System.nanoTime();
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (int b = 0; b * batch < results; b++) {
                List<ProbeResult> list = new ArrayList<>();
                for (int i = b * batch; i < Math.min(results, (b + 1) * batch); i++) {
                    list.add(result(agentId, rnd));
                }
                byte[] body = JSON.writeValueAsBytes(new ResultBatch(list));
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/results"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                batchMs[b] = (System.nanoTime() - t0) / 1e6;
                if (r.statusCode() / 100 != 2) {
                    throw new IOException("batch " + b + ": collector answered " + r.statusCode() + ": " + r.body());
                }
                stored += JSON.readTree(r.body()).path("accepted").asInt();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (stored != results) {
            throw new IOException(mode + ": the collector accepted " + stored + " of " + results + " results");
        }
        Arrays.sort(batchMs);
        return new Run(mode, batch, results, seconds, batchMs[batchMs.length / 2]);
    }

    /** A result shaped like a clean RTP burst's: the metrics, labels and details a real one carries. */
    private static ProbeResult result(String agentId, Random rnd) {
        Map<String, Double> m = new LinkedHashMap<>();
        double rtt = 10 + rnd.nextDouble() * 40;
        m.put("packets_sent_count", 500.0);
        m.put("packets_received_count", 500.0 - rnd.nextInt(3));
        m.put("rtt_ms", rtt);
        m.put("rtt_min_ms", rtt * 0.9);
        m.put("rtt_max_ms", rtt * 1.6);
        m.put("jitter_up_ms", rnd.nextDouble() * 3);
        m.put("jitter_down_ms", rnd.nextDouble() * 3);
        m.put("loss_up_ratio", rnd.nextDouble() * 0.004);
        m.put("loss_down_ratio", rnd.nextDouble() * 0.004);
        m.put("duplicates_up_count", 0.0);
        m.put("duplicates_down_count", 0.0);
        m.put("reordered_up_count", 0.0);
        m.put("reordered_down_count", 0.0);
        m.put("burst_r_up", 1.0);
        m.put("burst_r_down", 1.0);
        m.put("late_discards_up_count", 0.0);
        m.put("late_discards_down_count", 0.0);
        m.put("jitter_buffer_up_ms", 40.0);
        m.put("jitter_buffer_down_ms", 40.0);
        m.put("mouth_to_ear_delay_ms", rtt / 2 + 60);
        m.put("r_factor", 90 - rnd.nextDouble() * 5);
        m.put("mos", 4.3 - rnd.nextDouble() * 0.2);
        m.put("mos_up", 4.35);
        m.put("mos_down", 4.3);
        Map<String, String> labels = Map.of("codec", "pcmu", "ptime_ms", "20", "dscp", "46", "jitter_buffer", JitterBufferSpec.DEFAULT.toString(),
                "mos_provisional", "false");
        JsonNode details = JSON.createObjectNode().put("stats_received", true)
                .set("self", JSON.createObjectNode().put("pacing_error_median_ms", 0.02).put("cpu_ms", 11.5));
        return new ProbeResult(UUID.randomUUID(), agentId, ProbeKind.RTP_BURST, "reflector.example.net:5004",
                Instant.now().minusSeconds(rnd.nextInt(3600)), 10_000 + rnd.nextInt(900), ResultStatus.OK,
                "clean path", m, labels, details);
    }

    private static void awaitReady(ManagedProcess collector, URI base) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!AdminClient.ready(base)) {
            if (!collector.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("collector did not become ready; see " + collector.log() + "\n" + collector.tail(30));
            }
            Thread.sleep(250);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
