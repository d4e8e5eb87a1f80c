package io.callready.demo;

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
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

/**
 * Ingest against raw COPY, side by side on one machine (issue 15). Starts REPLICAS packaged collectors on one fresh,
 * durable embedded PostgreSQL (fsync, synchronous_commit, full_page_writes on; the first collector starts it, the
 * others use its JDBC URL), registers AGENTS agents (one site each) and generates ROWS RTP-burst results
 * ({@link BenchRows}) in gzip batches of BATCH. Then, back to back:
 * <ol>
 *   <li>raw {@code COPY} of the same rows into {@code results_copy} (a copy of {@code results} with the same
 *   indexes and storage parameters), CLIENTS connections, one COPY and one commit per batch;</li>
 *   <li>HTTP ingest through {@code POST /api/v1/results}, CLIENTS concurrent clients spread round-robin over the
 *   collectors, each batch as an agent ships it (gzip), alert evaluation and rollups off so ingest alone is
 *   measured;</li>
 *   <li>a sustained run of SUSTAINED on fresh collectors with alert evaluation, offline checks and rollups on in
 *   all of them ({@link SustainedRun}).</li>
 * </ol>
 * Prints rows/s per collector and combined, the ratio to COPY, CPU per row of each collector JVM and of PostgreSQL
 * (all its processes, from /proc), each collector's RSS (idle and peak), and checks that the database holds each
 * accepted result exactly once. Not a test: the figures belong to the machine.
 *
 * <p>Usage: see {@link IngestOptions#USAGE}. Data goes under {@code demo/target/ingest-bench} (the repository's disk,
 * not a tmpfs) and is deleted.
 */
public final class IngestBenchmark {
    private static final PrintStream OUT = System.out;
    private static final ObjectMapper JSON = Json.newMapper();
    private static final String COPY = "COPY results_copy (result_id, started_at, customer_id, site_id, agent_id, kind, target, "
            + "status, reason, duration_ms, metrics, labels, details) FROM STDIN (FORMAT csv)";
    /** Batches shipped (and copied) untimed before each measurement, so neither side's JIT warm-up (C2 takes tens of seconds of CPU here) is measured. */
    private static final int WARM_UP_BATCHES = 40;

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        IngestOptions o;
        try {
            o = IngestOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("callready bench ingest: " + e.getMessage());
            System.exit(64);
            return;
        }
        Artifacts bin = Artifacts.under(o.root().toAbsolutePath().normalize());
        Path work = o.root().resolve("demo/target/ingest-bench").toAbsolutePath().normalize();
        machine(work, o);
        PhaseFigures copy;
        PhaseFigures http;
        try (BenchCluster cluster = BenchCluster.start(bin, work, o.replicas(), false)) {
            List<BenchRows.Agent> agents = cluster.first().agents(o.agents());
            for (BenchCollector c : cluster.replicas()) {
                OUT.printf(Locale.ROOT, "collector %d RSS idle after start: %d MB%n", c.replica(), ProcStats.rssKb(c.pid()) / 1024);
            }
            List<BenchRows.Batch> warmUp = generate(agents, WARM_UP_BATCHES * o.batch(), o.batch(), 2);
            List<BenchRows.Batch> batches = generate(agents, o.rows(), o.batch(), 1);
            OUT.printf(Locale.ROOT, "generated %d rows, %d B of JSON per result, %d B gzip per batch%n", o.rows(),
                    batches.getFirst().jsonBytes() / o.batch(), batches.getFirst().gzipJson().length);
            try (Connection db = cluster.database()) {
                createCopyTable(db);
            }
            run(cluster, "warm-up COPY", warmUp, o.clients(), RAW_COPY);
            try (Connection db = cluster.database()) {
                db.createStatement().execute("TRUNCATE results_copy");
            }
            copy = run(cluster, "raw COPY", batches, o.clients(), RAW_COPY);
            PhaseFigures warmUpHttp = run(cluster, "warm-up HTTP", warmUp, o.clients(), HTTP);
            http = run(cluster, "HTTP ingest", batches, o.clients(), HTTP);
            try (Connection db = cluster.database()) {
                OUT.println(StoredOnce.check(db, warmUpHttp.rows() + http.rows()));
            }
            Thread.sleep(5_000);
            for (BenchCollector c : cluster.replicas()) {
                OUT.printf(Locale.ROOT, "collector %d RSS 5 s after the burst: %d MB%n", c.replica(), ProcStats.rssKb(c.pid()) / 1024);
            }
        }
        OUT.printf(Locale.ROOT, "%n%s%n", PhaseFigures.HEADER);
        for (PhaseFigures p : List.of(copy, http)) {
            p.lines(copy.rowsPerSecond()).forEach(OUT::println);
        }
        if (!o.sustained().isZero() && !SustainedRun.run(bin, work, o, copy.rowsPerSecond(), OUT)) {
            System.exit(1);
        }
    }

    private interface Shipper {
        /** @return rows stored */
        int ship(BenchCollector c, BenchRows.Batch b, HttpClient http, Connection db) throws Exception;
    }

    /** Straight into the database, no collector involved. */
    private static final Shipper RAW_COPY = IngestBenchmark::copy;
    private static final Shipper HTTP = IngestBenchmark::post;

    private static PhaseFigures run(BenchCluster cluster, String name, List<BenchRows.Batch> batches, int clients, Shipper shipper)
            throws Exception {
        boolean viaCollectors = shipper != RAW_COPY;
        List<BenchCollector> replicas = cluster.replicas();
        AtomicInteger next = new AtomicInteger();
        AtomicLongArray stored = new AtomicLongArray(replicas.size());
        PhaseMeter meter = PhaseMeter.start(cluster);
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                BenchCollector via = cluster.forClient(i);
                done.add(pool.submit(() -> {
                    try (HttpClient http = HttpClient.newHttpClient(); Connection db = via.database()) {
                        for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
                            stored.addAndGet(via.replica() - 1, shipper.ship(via, batches.get(b), http, db));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        PhaseFigures p = meter.stop(name, stored);
        long rows = p.rows();
        long expected = batches.stream().mapToLong(BenchRows.Batch::rows).sum();
        if (rows != expected) {
            throw new IOException(name + ": " + rows + " of " + expected + " rows stored");
        }
        return viaCollectors ? p : PhaseFigures.copy(name, rows, p.seconds(), p.postgresTicks());
    }

    /**
     * results_copy: results' columns, indexes and storage parameters (LIKE copies no storage parameters, and one of
     * them, the TOAST target, decides whether the rows are compressed).
     */
    static void createCopyTable(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE results_copy (LIKE results INCLUDING ALL)");
            try (ResultSet rs = s.executeQuery("SELECT array_to_string(reloptions, ', ') FROM pg_class WHERE oid = 'results'::regclass")) {
                rs.next();
                String options = rs.getString(1);
                if (options != null) {
                    s.execute("ALTER TABLE results_copy SET (" + options + ")");
                }
            }
        }
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

    private static void machine(Path work, IngestOptions o) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        OUT.printf(Locale.ROOT, "machine: %d cores (%s), Java %s, load average %s; data under %s (%s)%n",
                Runtime.getRuntime().availableProcessors(), cpu, Runtime.version(),
                load.substring(0, load.lastIndexOf(' ', load.lastIndexOf(' ') - 1)), work,
                Files.getFileStore(Files.createDirectories(work)).type());
        OUT.printf(Locale.ROOT, "%d rows in batches of %d, %d clients, %d agents, %d collector%s on one database; sustained run %s%n",
                o.rows(), o.batch(), o.clients(), o.agents(), o.replicas(), o.replicas() == 1 ? "" : "s", DurationText.format(o.sustained()));
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static long longScalar(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
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
