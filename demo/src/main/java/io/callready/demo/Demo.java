package io.callready.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.wire.Json;
import io.callready.wire.plan.DurationText;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts collector, reflector and agent as separate processes, enrolls a demo customer, site and agent,
 * and prints each probe cycle as the collector stored it.
 */
final class Demo implements AutoCloseable {
    static final String CUSTOMER = "Demo Customer";
    static final String SITE = "Demo HQ";
    private static final String TRAFFIC = "wan_traffic";
    private static final long DEMO_LINE_BPS = 1_000_000_000L;
    /** The collector's qos-advice job first runs this long after start ({@code delayed} of its schedule). */
    private static final Duration QOS_ADVICE_FIRST_RUN = Duration.ofSeconds(30);

    /** Called after each printed cycle while every process still runs. */
    interface CycleListener {
        void onCycle(int cycle, JsonNode result, Enrollment enrollment) throws Exception;
    }

    record Enrollment(String customerId, String siteId, String agentId) {
    }

    private final DemoOptions options;
    private final PrintStream out;
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final ObjectMapper json = Json.newMapper();
    private volatile boolean stopping;

    Demo(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    void run(CycleListener listener) throws Exception {
        Artifacts bin = Artifacts.under(options.root());
        Path data = options.dataDir().toAbsolutePath();
        Path logs = data.resolve("logs");

        out.println("Starting collector (embedded PostgreSQL under " + data.resolve("collector") + ") ...");
        ManagedProcess collector = track(startCollector(bin, data));
        URI base = URI.create("http://127.0.0.1:" + options.httpPort());
        Path adminTokenFile = data.resolve("collector/admin-token");
        AdminClient api = new AdminClient(base, Files.readString(adminTokenFile).strip());
        collector.readLog().stream().filter(l -> l.contains("Embedded PostgreSQL")).findFirst()
                .ifPresent(l -> out.println("  " + l.substring(Math.max(0, l.indexOf("Embedded PostgreSQL")))));

        out.println("Starting reflector on udp 127.0.0.1:" + options.reflectorPort() + " ...");
        ManagedProcess reflector = track(startReflector(bin, data));
        Path agentConfig = data.resolve("agent/agent.yaml");
        Enrollment enrollment = enroll(api, bin, base, data.resolve("agent"), agentConfig, logs);
        api.putCustomerPlan(enrollment.customerId(), Map.of("probes", demoProbes()));
        out.println("Starting agent " + enrollment.agentId() + " probing 127.0.0.1:" + options.reflectorPort()
                + " every " + DurationText.format(options.interval()) + " ...");
        Instant since = Instant.now().minusSeconds(1);
        ManagedProcess agent = track(startAgent(bin, agentConfig, logs));
        out.println();
        out.println("Collector  " + base + "   (health " + base + "/q/health, metrics " + base + "/q/metrics, OpenAPI " + base + "/q/openapi)");
        out.println("Results    curl -H \"Authorization: Bearer $(cat " + adminTokenFile + ")\" " + base + "/api/v1/sites/"
                + enrollment.siteId() + "/results/latest");
        out.println("Traffic    curl -H \"Authorization: Bearer $(cat " + adminTokenFile + ")\" " + base + "/api/v1/sites/"
                + enrollment.siteId() + "/traffic");
        out.println("QoS advice curl -H \"Authorization: Bearer $(cat " + adminTokenFile + ")\" " + base + "/api/v1/sites/"
                + enrollment.siteId() + "/qos-advice   (?vendor=cisco-ios for a router snippet)");
        out.println("Logs       " + logs);
        out.println(options.cycles() > 0 ? "Showing " + options.cycles() + " cycles." : "Ctrl-C stops everything.");
        out.println();
        out.println(ResultTable.header());
        printCycles(api, enrollment, since, List.of(collector, reflector, agent), listener);
    }

    private void printCycles(AdminClient api, Enrollment enrollment, Instant since, List<ManagedProcess> watched,
                             CycleListener listener) throws Exception {
        Set<String> shown = new HashSet<>();
        String verdictShown = null;
        int cycle = 0;
        long quietLimitNanos = options.interval().plus(options.burst()).plusSeconds(60).toNanos();
        long lastNewNanos = System.nanoTime();
        Long verdictDeadline = null;
        while (true) {
            for (ManagedProcess p : watched) {
                if (!p.isAlive()) {
                    // Ctrl-C in a terminal signals the children too; give our own shutdown hook a moment to say so.
                    Thread.sleep(500);
                    if (stopping) {
                        return;
                    }
                    throw new IOException(p.name() + " stopped unexpectedly; see " + p.log() + "\n" + p.tail(20));
                }
            }
            for (JsonNode r : api.results(enrollment.siteId(), since)) {
                if (!shown.add(r.path("id").asText())) {
                    continue;
                }
                if (TRAFFIC.equals(r.path("kind").asText())) {
                    out.println(ResultTable.trafficRow(r));
                } else if (options.cycles() == 0 || cycle < options.cycles()) {
                    cycle++;
                    lastNewNanos = System.nanoTime();
                    out.println(ResultTable.row(r));
                    listener.onCycle(cycle, r, enrollment);
                }
                out.flush();
            }
            verdictShown = showNewVerdict(api, enrollment, verdictShown);
            if (options.cycles() > 0 && cycle >= options.cycles()) {
                // A short demo ends before the collector's first assessment: wait for it, still showing traffic.
                verdictDeadline = verdictDeadline != null ? verdictDeadline
                        : System.nanoTime() + qosAdviceInterval().plus(QOS_ADVICE_FIRST_RUN).plusSeconds(10).toNanos();
                if (verdictShown != null) {
                    return;
                }
                if (System.nanoTime() > verdictDeadline) {
                    out.println("QoS verdict: not assessed yet (the collector's qos-advice job runs every "
                            + DurationText.format(qosAdviceInterval()) + ")");
                    return;
                }
            } else if (System.nanoTime() - lastNewNanos > quietLimitNanos) {
                throw new IOException("no result reached the collector for " + Duration.ofNanos(quietLimitNanos).toSeconds()
                        + " s; agent log:\n" + watched.get(2).tail(20));
            }
            Thread.sleep(500);
        }
    }

    /** Prints the stored verdict when the collector computed a new one; @return the computedAt now shown */
    private String showNewVerdict(AdminClient api, Enrollment enrollment, String shownAt) throws IOException, InterruptedException {
        var advice = api.qosAdvice(enrollment.siteId());
        String at = advice.map(a -> a.path("computedAt").asText()).orElse(null);
        if (at != null && !at.equals(shownAt)) {
            out.println(ResultTable.verdictLine(advice.get()));
            out.flush();
            return at;
        }
        return shownAt;
    }

    /** The collector assesses the demo site as often as the agent probes it, at least every 10 s. */
    private Duration qosAdviceInterval() {
        return options.interval().compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : options.interval();
    }

    /** Starts the collector on {@code <data>/collector} (reusing what an earlier run left there) and waits until it is ready. */
    ManagedProcess startCollector(Artifacts bin, Path data) throws IOException, InterruptedException {
        List<String> collectorCmd = new ArrayList<>(List.of(bin.java().toString()));
        collectorCmd.addAll(bin.collectorJvmOptions());
        collectorCmd.addAll(List.of("-Dcallready.data-dir=" + data.resolve("collector"),
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + options.httpPort(),
                "-Dcallready.qos-advice.interval=" + qosAdviceInterval().toSeconds() + "s"));
        if (options.dbPort() > 0) {
            collectorCmd.add("-Dcallready.embedded-db.port=" + options.dbPort());
        }
        collectorCmd.addAll(List.of("-jar", bin.collectorJar().toString()));
        ManagedProcess collector = ManagedProcess.startAppending("collector", collectorCmd, data.resolve("logs/collector.log"));
        try {
            awaitReady(collector, URI.create("http://127.0.0.1:" + options.httpPort()));
        } catch (IOException | InterruptedException e) {
            collector.close();
            throw e;
        }
        return collector;
    }

    ManagedProcess startReflector(Artifacts bin, Path data) throws IOException, InterruptedException {
        ManagedProcess reflector = ManagedProcess.start("reflector", List.of(bin.java().toString(), "-jar",
                bin.reflectorJar().toString(), "--bind", "127.0.0.1", "--port", String.valueOf(options.reflectorPort())),
                data.resolve("logs/reflector.log"));
        reflector.awaitLogLine(l -> l.contains("listening on udp"), Duration.ofSeconds(20));
        return reflector;
    }

    /** Starts {@code callready agent run}; its output goes to {@code logs/agent.log}, appended to across restarts. */
    ManagedProcess startAgent(Artifacts bin, Path agentConfig, Path logs) throws IOException {
        return ManagedProcess.startAppending("agent", List.of(bin.java().toString(), "-jar",
                bin.agentJar().toString(), "run", "--config", agentConfig.toString()), logs.resolve("agent.log"));
    }

    private void awaitReady(ManagedProcess collector, URI base) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!AdminClient.ready(base)) {
            if (!collector.isAlive()) {
                throw new IOException("collector exited during start-up; see " + collector.log() + "\n" + collector.tail(30));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("collector not ready after 120 s; see " + collector.log() + "\n" + collector.tail(30));
            }
            Thread.sleep(250);
        }
    }

    /**
     * Reuses the demo agent from an earlier run when the collector still knows it; otherwise enrolls a new one the
     * way a technician would: an enrollment code from the admin API, then {@code callready agent enroll}.
     */
    Enrollment enroll(AdminClient api, Artifacts bin, URI base, Path agentDir, Path agentConfig, Path logs)
            throws IOException, InterruptedException {
        String customerId = api.customer(CUSTOMER);
        String siteId = api.site(customerId, SITE);
        Path saved = agentDir.resolve("enrollment.json");
        Path stateDir = agentDir.resolve("state");
        if (Files.exists(saved) && Files.exists(stateDir.resolve("agent.token")) && Files.exists(agentConfig)) {
            Enrollment previous = json.readValue(saved.toFile(), Enrollment.class);
            if (previous.siteId().equals(siteId) && api.agentExists(siteId, previous.agentId())) {
                writeLocalSettings(agentConfig, previous.agentId(), stateDir, base);
                return previous;
            }
        }
        Files.createDirectories(agentDir);
        Files.deleteIfExists(agentConfig);
        writeLocalSettings(agentConfig, null, stateDir, base);
        String code = api.enrollmentCode(siteId);
        out.println("Enrolling the agent with code " + code + " (callready agent enroll) ...");
        ManagedProcess enroll = ManagedProcess.start("agent enroll", List.of(bin.java().toString(), "-jar", bin.agentJar().toString(),
                "enroll", "--collector", base.toString(), "--code", code, "--state-dir", stateDir.toString(),
                "--config", agentConfig.toString(), "--name", "demo-agent-" + Instant.now().getEpochSecond()), logs.resolve("enroll.log"));
        int exit = enroll.awaitExit(Duration.ofSeconds(60));
        if (exit != 0) {
            throw new IOException("callready agent enroll exited with " + exit + ":\n" + enroll.tail(20));
        }
        JsonNode written = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(agentConfig.toFile());
        Enrollment e = new Enrollment(customerId, siteId, written.path("agent").path("id").asText());
        json.writeValue(saved.toFile(), e);
        return e;
    }

    /**
     * The demo's own settings in the agent config: fast shipping and plan polls, and a local plan (the same probe
     * the demo sets centrally) that runs until the first plan poll. {@code agent enroll} adds identity and token.
     */
    private void writeLocalSettings(Path file, String agentId, Path stateDir, URI collector) throws IOException {
        Map<String, Object> collectorSection = new java.util.LinkedHashMap<>(Map.of("ship_interval", "1s", "plan_poll_interval", "5s"));
        Map<String, Object> config = new java.util.LinkedHashMap<>();
        if (agentId != null) {
            config.put("agent", Map.of("id", agentId, "state_dir", stateDir.toString()));
            collectorSection.put("url", collector.toString());
            collectorSection.put("token_file", stateDir.resolve("agent.token").toString());
        }
        config.put("collector", collectorSection);
        config.put("plan", Map.of("probes", demoProbes()));
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# written by ./callready demo\n" + new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValueAsString(config));
    }

    /**
     * The RTP burst, and the traffic of loopback (where the bursts run) as the site's WAN, both every interval.
     * Loopback has no speed, so the demo declares a 1 Gbit/s line: without a rate no burst carries a utilisation
     * and the advisor's count of usable bursts would never move.
     */
    private List<Map<String, Object>> demoProbes() {
        return List.of(Map.of("kind", "rtp_burst", "name", "demo-reflector",
                        "reflector", "127.0.0.1:" + options.reflectorPort(), "codec", "pcmu", "ptime_ms", 20,
                        "burst", DurationText.format(options.burst()), "interval", DurationText.format(options.interval()), "dscp", 46),
                Map.of("kind", "wan_traffic", "name", "demo-wan", "interval", DurationText.format(options.interval()),
                        "source", "local", "interface", "lo",
                        "lineRate", Map.of("upBps", DEMO_LINE_BPS, "downBps", DEMO_LINE_BPS)));
    }

    private ManagedProcess track(ManagedProcess p) {
        processes.add(p);
        return p;
    }

    @Override
    public void close() {
        stopping = true;
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        processes.clear();
    }
}
