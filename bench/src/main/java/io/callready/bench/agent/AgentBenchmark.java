package io.callready.bench.agent;

import io.callready.reflector.Reflector;
import io.callready.reflector.ReflectorSettings;
import io.callready.wire.plan.DurationText;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The agent's own cost at a site: one agent process in service mode ({@code callready-agent run}) on the runtime
 * and flags the package ships ({@link PackagedAgent}), probing an in-process reflector on loopback and shipping to
 * an in-process {@link ResultSink}. Prints how long after {@code exec} the first probe started and the first result
 * was stored and shipped, then over the steady window (from one probe interval after the start, for MINUTES
 * minutes) the resident set sampled every second from {@code /proc/PID/status} (p50, max), CPU as a share of one
 * core (utime + stime over wall time), threads, and heap and metaspace from {@code jcmd GC.heap_info}.
 * Not a test: the figures belong to the machine and its load, which are printed with them.
 *
 * <p>Default plan: one {@code rtp_burst}, PCMU 20 ms, 10 s bursts every 30 s (the demo's plan; a site's usual
 * interval is 5 m, so this costs six times the CPU of a typical plan). Usage:
 * {@code ./callready bench agent [MINUTES] [--burst 10s] [--interval 30s] [--nmt] [--https] [--jvm "FLAGS"]}; {@code --nmt}
 * adds native memory tracking and prints its summary, {@code --https} makes the sink an https one ({@link SinkTls}), {@code --jvm} appends JVM flags after the launcher's.
 */
public final class AgentBenchmark {
    private static final PrintStream OUT = System.out;
    /** The package's state directory, as the launcher names it. */
    private static final String INSTALLED_STATE = "/var/lib/callready/";
    private static final Pattern HEAP = Pattern.compile("(DefNew|Tenured)\\s+total (\\d+)K, used (\\d+)K");
    /** The start of a {@code RunLine}: the run's start time; the JVM may print other lines to stdout. */
    private static final Pattern RUN_LINE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T.*");

    private AgentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o = BenchOptions.parse(args);
        PackagedAgent agent = PackagedAgent.under(o.root());
        machine(agent);
        Path work = Files.createTempDirectory(Files.createDirectories(o.root().resolve("bench/target")), "agent-bench-");
        try {
            SinkTls tls = o.https() ? SinkTls.create(work, agent.java()) : null;
            try (Reflector reflector = Reflector.start(ReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0)));
                 ResultSink sink = ResultSink.start(tls == null ? null : tls.serverContext())) {
                Path config = writeConfig(work, o, reflector.localAddress(), sink);
                run(agent, o, config, work, sink, tls == null ? List.of() : tls.agentFlags());
            }
        } finally {
            deleteTree(work);
        }
    }

    private static List<String> command(PackagedAgent agent, BenchOptions o, Path config, Path work, List<String> tlsFlags) {
        List<String> cmd = new ArrayList<>();
        cmd.add(agent.java().toString());
        cmd.addAll(agent.jvmFlags());
        agent.serviceFlags().forEach(f -> cmd.add(f.replace(INSTALLED_STATE, work.resolve("state") + "/")));
        if (o.nmt()) {
            cmd.add("-XX:NativeMemoryTracking=summary");
        }
        cmd.addAll(tlsFlags);
        cmd.addAll(o.extraJvmFlags());
        cmd.addAll(List.of("-jar", agent.jar().toString(), "run", "--config", config.toString()));
        return cmd;
    }

    private static Process start(PackagedAgent agent, List<String> cmd, Path work) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(work.resolve("agent.stderr").toFile());
        pb.environment().putAll(agent.environment());
        return pb.start();
    }

    /**
     * As a site's service runs after its first stop: the launcher's class archive is written when the JVM exits,
     * so one run up to its first result and a stop come first, and the measured run maps the archive.
     */
    private static void train(PackagedAgent agent, List<String> cmd, Path work) throws Exception {
        long t0 = System.nanoTime();
        Process p = start(agent, cmd, work);
        AtomicLong firstLine = new AtomicLong();
        Thread reader = Thread.ofPlatform().daemon(true).start(() -> readRunLines(p, firstLine, new AtomicInteger(), false));
        try {
            while (firstLine.get() == 0 && p.isAlive() && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(120)) {
                Thread.sleep(50);
            }
        } finally {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            reader.join(5000);
        }
        Path archive = work.resolve("state/agent.jsa");
        if (Files.exists(archive)) {
            // a site's archive was written back to disk long before the service's next start; pages still dirty in the
            // page cache would be neither clean nor reclaimable for the measured run
            try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
        OUT.printf(Locale.ROOT, "training run (first result, stop): %.1f s; class archive %s%n", (System.nanoTime() - t0) / 1e9,
                Files.exists(archive) ? String.format(Locale.ROOT, "%.1f MB written", Files.size(archive) / 1e6) : "NOT written");
    }

    private static void run(PackagedAgent agent, BenchOptions o, Path config, Path work, ResultSink sink, List<String> tlsFlags)
            throws Exception {
        List<String> cmd = command(agent, o, config, work, tlsFlags);
        OUT.println("command: " + agent.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + " ").collect(Collectors.joining())
                + String.join(" ", cmd));
        OUT.printf(Locale.ROOT, "plan: rtp_burst pcmu 20 ms, %s bursts every %s, to a reflector on loopback; results to an %s sink that checks them with ResultRules%n",
                DurationText.format(o.burst()), DurationText.format(o.interval()), o.https() ? "HTTPS" : "HTTP");
        if (cmd.stream().anyMatch(f -> f.equals("-XX:+AutoCreateSharedArchive"))) {
            train(agent, cmd, work);
            sink.reset();
        }
        AtomicLong firstLineNanos = new AtomicLong();
        AtomicInteger lines = new AtomicInteger();
        Instant execWall = Instant.now();
        long exec = System.nanoTime();
        Process p = start(agent, cmd, work);
        Thread reader = Thread.ofPlatform().daemon(true).start(() -> readRunLines(p, firstLineNanos, lines, true));
        try {
            long windowStart = exec + o.interval().toNanos();
            long windowEnd = windowStart + o.window().toNanos();
            ProcStatus atStart = null;
            List<Long> rssKb = new ArrayList<>();
            int maxThreads = 0;
            while (System.nanoTime() < windowEnd && p.isAlive()) {
                Thread.sleep(1000);
                ProcStatus s = ProcStatus.read(p.pid());
                if (System.nanoTime() >= windowStart) {
                    if (atStart == null) {
                        atStart = s;
                        OUT.printf(Locale.ROOT, "start-up (first %s): CPU %.2f s, RSS now %.1f MB%n", DurationText.format(o.interval()),
                                s.cpuTicks() / (double) ProcStatus.TICKS_PER_SECOND, s.rssKb() / 1024.0);
                    }
                    rssKb.add(s.rssKb());
                    maxThreads = Math.max(maxThreads, s.threads());
                }
            }
            if (!p.isAlive()) {
                throw new IOException("the agent exited with " + p.exitValue() + ":\n" + Files.readString(work.resolve("agent.stderr")));
            }
            ProcStatus atEnd = ProcStatus.read(p.pid());
            double wallSeconds = (rssKb.size() - 1) * 1.0;
            String heap = jcmd(p.pid(), "GC.heap_info");
            String nmt = o.nmt() ? jcmd(p.pid(), "VM.native_memory", "summary") : "";
            var mappings = MemoryMap.residentKbByMapping(p.pid());
            report(exec, execWall, firstLineNanos.get(), sink, o, rssKb, atStart, atEnd, wallSeconds, maxThreads, heap, lines.get());
            OUT.println("resident by mapping (kB):");
            MemoryMap.largest(mappings, 8).forEach(e -> OUT.printf(Locale.ROOT, "  %8d  %s%n", e.getValue(), e.getKey()));
            if (o.nmt()) {
                OUT.println(nmt);
            }
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            reader.join(5000);
        }
        if (sink.refused() > 0) {
            throw new IOException(sink.refused() + " results failed ResultRules, the first: " + sink.firstRefusal());
        }
    }

    private static void report(long exec, Instant execWall, long firstLine, ResultSink sink, BenchOptions o, List<Long> rssKb,
                               ProcStatus atStart, ProcStatus atEnd, double wallSeconds, int threads, String heap, int runs) {
        Instant started = sink.firstStartedAt();
        OUT.println();
        OUT.printf(Locale.ROOT, "first probe started   %6.2f s after exec%n", started == null ? Double.NaN : Duration.between(execWall, started).toNanos() / 1e9);
        OUT.printf(Locale.ROOT, "first result stored   %6.2f s after exec (of which the %s burst itself)%n", seconds(exec, firstLine), DurationText.format(o.burst()));
        OUT.printf(Locale.ROOT, "first result shipped  %6.2f s after exec%n", seconds(exec, sink.firstShippedNanos()));
        List<Long> sorted = rssKb.stream().sorted(Comparator.naturalOrder()).toList();
        OUT.printf(Locale.ROOT, "steady, %d samples over %.0f s: RSS p50 %.1f MB, max %.1f MB%n", sorted.size(), wallSeconds,
                sorted.get(sorted.size() / 2) / 1024.0, sorted.getLast() / 1024.0);
        double cpuSeconds = (atEnd.cpuTicks() - atStart.cpuTicks()) / (double) ProcStatus.TICKS_PER_SECOND;
        OUT.printf(Locale.ROOT, "steady CPU            %6.2f %% of one core (%.2f s in %.0f s)%n", 100 * cpuSeconds / wallSeconds, cpuSeconds, wallSeconds);
        OUT.printf(Locale.ROOT, "threads               %6d (max)%n", threads);
        Matcher m = HEAP.matcher(heap);
        long usedKb = 0;
        long committedKb = 0;
        while (m.find()) {
            committedKb += Long.parseLong(m.group(2));
            usedKb += Long.parseLong(m.group(3));
        }
        OUT.printf(Locale.ROOT, "heap                  %6.1f MB used of %.1f MB committed (young + old, at the end)%n", usedKb / 1024.0, committedKb / 1024.0);
        OUT.printf(Locale.ROOT, "probe runs %d, results shipped %d, refused by ResultRules %d%n", runs, sink.stored(), sink.refused());
    }

    private static double seconds(long from, long to) {
        return to == 0 ? Double.NaN : (to - from) / 1e9;
    }

    private static void readRunLines(Process p, AtomicLong firstLineNanos, AtomicInteger lines, boolean echo) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!RUN_LINE.matcher(line).matches()) {
                    continue;
                }
                firstLineNanos.compareAndSet(0, System.nanoTime());
                lines.incrementAndGet();
                if (echo) {
                    OUT.println("  agent: " + line);
                }
            }
        } catch (IOException e) {
            OUT.println("  (agent output ended: " + e.getMessage() + ")");
        }
    }

    /** Runs the build JDK's {@code jcmd} against the agent (the jlinked runtime has none; same JVM version). */
    private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        cmd.addAll(List.of(command));
        Process j = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(j.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        j.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static Path writeConfig(Path work, BenchOptions o, InetSocketAddress reflector, ResultSink sink) throws IOException {
        Path config = work.resolve("agent.yaml");
        Files.writeString(config, """
                agent:
                  id: %s
                  state_dir: %s
                collector:
                  url: %s
                  token: bench-token
                plan:
                  probes:
                    - kind: rtp_burst
                      name: bench-reflector
                      reflector: 127.0.0.1:%d
                      codec: pcmu
                      ptime_ms: 20
                      burst: %s
                      interval: %s
                      dscp: 46
                """.formatted(UUID.randomUUID(), work.resolve("state"), sink.baseUri(), reflector.getPort(),
                DurationText.format(o.burst()), DurationText.format(o.interval())));
        return config;
    }

    private static void machine(PackagedAgent agent) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        OUT.printf(Locale.ROOT, "machine: %d cores (%s), %s, load average %s%n", Runtime.getRuntime().availableProcessors(), cpu,
                System.getProperty("os.name") + " " + System.getProperty("os.version"), load.substring(0, load.lastIndexOf(' ', load.lastIndexOf(' ') - 1)));
        OUT.println(agent.jlinked()
                ? "runtime: the package's jlinked runtime " + agent.java()
                : "runtime: the build's JDK " + agent.java() + " (agent-deb not built: its jlinked runtime is missing)");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
