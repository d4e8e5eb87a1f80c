package io.callready.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.wire.Json;
import io.callready.wire.plan.DurationText;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Ingest against raw COPY, side by side on one machine (issue 15). Starts the packaged collector with a fresh,
 * durable embedded PostgreSQL (fsync, synchronous_commit, full_page_writes on), registers AGENTS agents (one site
 * each) and generates ROWS RTP-burst results ({@link BenchRows}) in gzip batches of BATCH. Then, back to back:
 * <ol>
 *   <li>raw {@code COPY} of the same rows into {@code results_copy} (a copy of {@code results} with the same
 *   indexes), CLIENTS connections, one COPY and one commit per batch;</li>
 *   <li>HTTP ingest through {@code POST /api/v1/results}, CLIENTS concurrent clients, each batch as an agent
 *   ships it (gzip), alert evaluation and rollups off so ingest alone is measured;</li>
 *   <li>a sustained run of SUSTAINED on a fresh collector with alert evaluation, offline checks and rollups at
 *   their default intervals, batches generated as the run goes: rows/s, the evaluator's lag behind the newest
 *   stored result, the longest rollup and evaluation runs.</li>
 * </ol>
 * Prints rows/s, the ratio to COPY, CPU per row of the collector JVM and of PostgreSQL (all its processes, from
 * /proc), and the collector's RSS (idle and peak). Not a test: the figures belong to the machine.
 *
 * <p>Usage: {@code ./callready bench ingest [--rows N] [--batch N] [--clients N] [--agents N] [--sustained 2m]}.
 * Data goes under {@code demo/target/ingest-bench} (the repository's disk, not a tmpfs) and is deleted.
 */
public final class IngestBenchmark {
    private static final PrintStream OUT = System.out;
    private static final ObjectMapper JSON = Json.newMapper();
    private static final String COPY = "COPY results_copy (result_id, started_at, customer_id, site_id, agent_id, kind, target, "
            + "status, reason, duration_ms, metrics, labels, details) FROM STDIN (FORMAT csv)";
    /** Batches shipped (and copied) untimed before each measurement, so neither side's JIT warm-up (C2 takes tens of seconds of CPU here) is measured. */
    private static final int WARM_UP_BATCHES = 40;

    private record Options(int rows, int batch, int clients, int agents, Duration sustained) {
    }

    /** One timed phase: rows stored, wall time, CPU ticks of the collector JVM and of PostgreSQL, peak RSS. */
    private record Phase(String name, long rows, double seconds, long collectorTicks, long postgresTicks, long peakRssKb) {
        double rowsPerSecond() {
            return rows / seconds;
        }

        String cpuPerRow(long ticks) {
            return rows == 0 ? "-" : String.format(Locale.ROOT, "%.1f", ticks * ProcStats.SECONDS_PER_TICK * 1e6 / rows);
        }
    }

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(".");
        Options o = new Options(60_000, 500, 8, 32, Duration.ofMinutes(2));
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--root" -> root = Path.of(value);
                case "--rows" -> o = new Options(Integer.parseInt(value), o.batch(), o.clients(), o.agents(), o.sustained());
                case "--batch" -> o = new Options(o.rows(), Integer.parseInt(value), o.clients(), o.agents(), o.sustained());
                case "--clients" -> o = new Options(o.rows(), o.batch(), Integer.parseInt(value), o.agents(), o.sustained());
                case "--agents" -> o = new Options(o.rows(), o.batch(), o.clients(), Integer.parseInt(value), o.sustained());
                case "--sustained" -> o = new Options(o.rows(), o.batch(), o.clients(), o.agents(), DurationText.parse(value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: bench ingest [--rows N] [--batch N] [--clients N] [--agents N] [--sustained 2m]");
            }
            i++;
        }
        Artifacts bin = Artifacts.under(root.toAbsolutePath().normalize());
        Path work = root.resolve("demo/target/ingest-bench").toAbsolutePath().normalize();
        machine(work, o);
        Phase copy;
        Phase http;
        try (BenchCollector c = BenchCollector.start(bin, work, false)) {
            List<BenchRows.Agent> agents = c.agents(o.agents());
            OUT.printf(Locale.ROOT, "collector RSS idle after start: %d MB%n", ProcStats.rssKb(c.pid()) / 1024);
            List<BenchRows.Batch> warmUp = generate(agents, WARM_UP_BATCHES * o.batch(), o.batch(), 2);
            List<BenchRows.Batch> batches = generate(agents, o.rows(), o.batch(), 1);
            OUT.printf(Locale.ROOT, "generated %d rows, %d B of JSON per result, %d B gzip per batch%n", o.rows(),
                    batches.getFirst().jsonBytes() / o.batch(), batches.getFirst().gzipJson().length);
            try (Connection db = c.database()) {
                db.createStatement().execute("CREATE TABLE results_copy (LIKE results INCLUDING ALL)");
            }
            run(c, "warm-up COPY", warmUp, o.clients(), IngestBenchmark::copy);
            try (Connection db = c.database()) {
                db.createStatement().execute("TRUNCATE results_copy");
            }
            copy = run(c, "raw COPY", batches, o.clients(), IngestBenchmark::copy);
            run(c, "warm-up HTTP", warmUp, o.clients(), IngestBenchmark::post);
            http = run(c, "HTTP ingest", batches, o.clients(), IngestBenchmark::post);
            Thread.sleep(5_000);
            OUT.printf(Locale.ROOT, "collector RSS 5 s after the burst: %d MB%n", ProcStats.rssKb(c.pid()) / 1024);
        }
        OUT.printf(Locale.ROOT, "%n%-14s %8s %8s %9s %8s %18s %15s %13s%n", "phase", "rows", "seconds", "rows/s", "of COPY",
                "collector µs/row", "postgres µs/row", "peak RSS MB");
        for (Phase p : List.of(copy, http)) {
            OUT.printf(Locale.ROOT, "%-14s %8d %8.2f %9.0f %8.2f %18s %15s %13s%n", p.name(), p.rows(), p.seconds(), p.rowsPerSecond(),
                    p.rowsPerSecond() / copy.rowsPerSecond(), p == copy ? "-" : p.cpuPerRow(p.collectorTicks()),
                    p.cpuPerRow(p.postgresTicks()), p == copy ? "-" : Long.toString(p.peakRssKb() / 1024));
        }
        if (!o.sustained().isZero()) {
            SustainedRun.Figures s = SustainedRun.run(bin, work, o.agents(), o.batch(), o.clients(), o.sustained(), OUT);
            OUT.printf(Locale.ROOT, "%nsustained %s with jobs on: %d rows, %.0f rows/s = %.2f of COPY; collector %.1f µs/row, "
                            + "postgres %.1f µs/row; peak RSS %d MB; evaluator lag max %.1f s (pass max %.2f s); rollup runs %d, "
                            + "longest %.2f s (interval %s)%n",
                    o.sustained(), s.rows(), s.rows() / s.seconds(), s.rows() / s.seconds() / copy.rowsPerSecond(),
                    s.collectorTicks() * ProcStats.SECONDS_PER_TICK * 1e6 / s.rows(), s.postgresTicks() * ProcStats.SECONDS_PER_TICK * 1e6 / s.rows(),
                    s.peakRssKb() / 1024, s.maxEvaluatorLagSeconds(), s.maxEvaluationSeconds(), s.rollupRuns(), s.maxRollupSeconds(),
                    SustainedRun.ROLLUP_INTERVAL);
        }
    }

    private interface Shipper {
        /** @return rows stored */
        int ship(BenchCollector c, BenchRows.Batch b, HttpClient http, Connection db) throws Exception;
    }

    private static Phase run(BenchCollector c, String name, List<BenchRows.Batch> batches, int clients, Shipper shipper) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong stored = new AtomicLong();
        long collector0 = ProcStats.cpuTicks(c.pid(), false);
        long postgres0 = ProcStats.postgresTicks(c.postmaster());
        RssSampler rss = RssSampler.start(c.pid());
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                done.add(pool.submit(() -> {
                    try (HttpClient http = HttpClient.newHttpClient(); Connection db = c.database()) {
                        for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
                            stored.addAndGet(shipper.ship(c, batches.get(b), http, db));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Phase p = new Phase(name, stored.get(), seconds, ProcStats.cpuTicks(c.pid(), false) - collector0,
                ProcStats.postgresTicks(c.postmaster()) - postgres0, rss.stop());
        long expected = batches.stream().mapToLong(BenchRows.Batch::rows).sum();
        if (p.rows() != expected) {
            throw new IOException(name + ": " + p.rows() + " of " + expected + " rows stored");
        }
        return p;
    }

    private static int copy(BenchCollector c, BenchRows.Batch b, HttpClient http, Connection db) throws Exception {
        return Math.toIntExact(db.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new ByteArrayInputStream(b.csv())));
    }

    static int post(BenchCollector c, BenchRows.Batch b, HttpClient http, Connection db) throws Exception {
        return post(c.base(), b, http);
    }

    static int post(URI base, BenchRows.Batch b, HttpClient http) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/results"))
                .header("Authorization", "Bearer " + b.agent().token()).header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip").timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(b.gzipJson())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("collector answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).path("accepted").asInt();
    }

    private static List<BenchRows.Batch> generate(List<BenchRows.Agent> agents, int rows, int batch, long seed) {
        Random rnd = new Random(seed);
        Instant now = Instant.now();
        List<BenchRows.Batch> out = new ArrayList<>();
        for (int b = 0; b * batch < rows; b++) {
            out.add(BenchRows.batch(agents.get(b % agents.size()), Math.min(batch, rows - b * batch), rnd, now, true));
        }
        return out;
    }

    private static void machine(Path work, Options o) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        OUT.printf(Locale.ROOT, "machine: %d cores (%s), Java %s, load average %s; data under %s (%s)%n",
                Runtime.getRuntime().availableProcessors(), cpu, Runtime.version(),
                load.substring(0, load.lastIndexOf(' ', load.lastIndexOf(' ') - 1)), work,
                Files.getFileStore(Files.createDirectories(work)).type());
        OUT.printf(Locale.ROOT, "%d rows in batches of %d, %d clients, %d agents; sustained run %s%n", o.rows(), o.batch(),
                o.clients(), o.agents(), o.sustained());
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static double scalar(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }

    static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }
}
