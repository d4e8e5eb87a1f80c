package io.callready.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A packaged collector for one benchmark phase: the first on a fresh, durable embedded PostgreSQL of its own, any
 * others on that database through its JDBC URL (as several replicas share one database). Deleted on close.
 */
final class BenchCollector implements AutoCloseable {
    private static final String DATABASE_LINE = "Embedded PostgreSQL 16 at ";

    private final ManagedProcess process;
    private final Path data;
    private final URI base;
    private final String jdbcUrl;
    private final ProcessHandle postmaster;
    private final boolean jobs;
    private final int replica;

    private BenchCollector(ManagedProcess process, Path data, URI base, String jdbcUrl, ProcessHandle postmaster, boolean jobs, int replica) {
        this.jobs = jobs;
        this.replica = replica;
        this.process = process;
        this.data = data;
        this.base = base;
        this.jdbcUrl = jdbcUrl;
        this.postmaster = postmaster;
    }

    /**
     * The first collector: it starts the embedded PostgreSQL the others share.
     *
     * @param jobs alert evaluation (with offline checks) every {@link SustainedRun#EVALUATE_EVERY} and rollups every
     *             {@link SustainedRun#ROLLUP_INTERVAL} (their defaults); off, ingest alone runs. The per-agent rate
     *             limit is lifted either way, so the collector and its database are measured.
     */
    static BenchCollector start(Artifacts bin, Path work, boolean jobs) throws IOException, InterruptedException {
        return start(bin, work, jobs, 1, null);
    }

    /** Another collector ({@code replica} numbered from 2) on the first one's database, with the same jobs. */
    static BenchCollector alongside(BenchCollector first, Artifacts bin, Path work, int replica) throws IOException, InterruptedException {
        return start(bin, work, first.jobs, replica, first);
    }

    private static BenchCollector start(Artifacts bin, Path work, boolean jobs, int replica, BenchCollector first)
            throws IOException, InterruptedException {
        Path data = Files.createTempDirectory(Files.createDirectories(work), "durable-");
        int port = IngestBenchmark.freePort();
        List<String> cmd = new ArrayList<>(List.of(bin.java().toString()));
        cmd.addAll(bin.collectorJvmOptions());
        cmd.addAll(List.of("-Dcallready.data-dir=" + data,
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dcallready.ingest.rate-limit.requests-per-second=100000", "-Dcallready.ingest.rate-limit.burst=100000"));
        if (first != null) {
            cmd.addAll(List.of("-Dquarkus.datasource.jdbc.url=" + first.jdbcUrl, "-Dquarkus.datasource.username=postgres"));
        }
        if (jobs) {
            cmd.addAll(List.of("-Dcallready.alerts.evaluate-every=" + SustainedRun.EVALUATE_EVERY.toSeconds() + "s",
                    "-Dcallready.rollup.interval=" + SustainedRun.ROLLUP_INTERVAL.toSeconds() + "s"));
        } else {
            cmd.addAll(List.of("-Dcallready.alerts.evaluate-every=off", "-Dcallready.rollup.interval=off"));
        }
        cmd.addAll(List.of("-jar", bin.collectorJar().toString()));
        ManagedProcess p = ManagedProcess.start("collector " + replica, cmd, data.resolve("collector.log"));
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            String url;
            ProcessHandle postmaster;
            if (first == null) {
                String line = p.awaitLogLine(l -> l.contains(DATABASE_LINE), Duration.ofSeconds(120));
                String[] facts = line.substring(line.indexOf(DATABASE_LINE) + DATABASE_LINE.length()).split(",");
                url = facts[0].strip();
                postmaster = ProcStats.postmasterOf(Path.of(facts[1].strip().substring("data in ".length())));
            } else {
                url = first.jdbcUrl;
                postmaster = first.postmaster;
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (!AdminClient.ready(base)) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("collector " + replica + " did not become ready; see " + p.log() + "\n" + p.tail(30));
                }
                Thread.sleep(250);
            }
            return new BenchCollector(p, data, base, url, postmaster, jobs, replica);
        } catch (IOException | InterruptedException | RuntimeException e) {
            p.close();
            IngestBenchmark.deleteTree(data);
            throw e;
        }
    }

    /** One customer with {@code count} sites of one agent each. */
    List<BenchRows.Agent> agents(int count) throws IOException, InterruptedException {
        AdminClient admin = new AdminClient(base, Files.readString(data.resolve("admin-token")).strip());
        String customer = admin.customer("ingest-bench");
        List<BenchRows.Agent> agents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String site = admin.site(customer, String.format(Locale.ROOT, "site-%03d", i));
            JsonNode agent = admin.createAgent(site, "agent-" + i);
            agents.add(new BenchRows.Agent(customer, site, agent.path("id").asText(), agent.path("token").asText()));
        }
        return agents;
    }

    Connection database() throws SQLException {
        return IngestBenchmark.connect(jdbcUrl);
    }

    URI base() {
        return base;
    }

    int replica() {
        return replica;
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle postmaster() {
        return postmaster;
    }

    /**
     * Stops the collector (the first also stops the database: close it last); its log is kept as
     * {@code <work>/<jobs|ingest>-collector.log} ({@code -collector-2.log} for the second, ...), the data deleted.
     */
    @Override
    public void close() throws IOException {
        process.close();
        Files.copy(process.log(), data.resolveSibling((jobs ? "jobs" : "ingest") + "-collector" + (replica == 1 ? "" : "-" + replica) + ".log"),
                StandardCopyOption.REPLACE_EXISTING);
        IngestBenchmark.deleteTree(data);
    }
}
