package io.callready.bench;

import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.rtp.RtpBurstProbe;
import io.callready.agent.probe.stamp.StampProbe;
import io.callready.reflector.Reflector;
import io.callready.reflector.ReflectorSettings;
import io.callready.reflector.stamp.StampReflector;
import io.callready.reflector.stamp.StampReflectorSettings;
import io.callready.wire.plan.DurationText;
import io.callready.wire.plan.RtpBurstSpec;
import io.callready.wire.plan.StampReflectorMode;
import io.callready.wire.plan.StampSpec;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.rtp.Codec;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The probe's noise floor and cost on this machine: RTP bursts (and one STAMP session) over clean loopback to an
 * in-process reflector, printing per run the sender's pacing error (|actual − scheduled| send time, median and
 * p99), jitter and RTT, and the CPU time of the agent's exchange thread and of the reflector thread, next to the
 * floor measured just before: what a bare paced sender and a bare echo cost at that moment, since on a shared
 * virtual machine the same work costs up to twice as much from one minute to the next.
 * Not a test: figures depend on the machine and its load, which is printed with them.
 *
 * <p>Usage: {@code ./callready bench [runs] [burst]}, e.g. {@code ./callready bench 3 10s}.
 */
public final class BurstBenchmark {
    private static final PrintStream OUT = System.out;
    private static final Duration WARM_UP_RTP = Duration.ofSeconds(60);
    private static final Duration WARM_UP_STAMP = Duration.ofSeconds(20);

    private BurstBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Duration burst = args.length > 1 ? DurationText.parse(args[1]) : Duration.ofSeconds(10);
        int packets = (int) (burst.toMillis() / 20);
        machine();
        List<double[]> rtpCosts = new ArrayList<>();
        try (Reflector reflector = Reflector.start(ReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0)));
             StampReflector stamp = StampReflector.start(StampReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0),
                     StampReflectorMode.STATEFUL))) {
            OUT.printf(Locale.ROOT, "warm-up, not reported: %d RTP and %d STAMP packets at 10 ms, so the JIT has compiled the hot paths "
                    + "as it has in an agent or reflector that has been running for an hour%n", WARM_UP_RTP.toMillis() / 10, WARM_UP_STAMP.toMillis() / 10);
            warmUp(reflector, stamp);
            OUT.println("each run measures the floor first (no probe logic: a bare paced sender and a bare echo, see SyscallFloor)");
            OUT.printf(Locale.ROOT, "%n%-6s %-4s %9s %9s %10s %10s %8s %10s %9s %11s %11s%n", "probe", "run", "pace p50", "pace p99",
                    "jitter up", "jitter dn", "RTT p50", "agent CPU", "refl CPU", "floor send", "floor echo");
            OUT.printf(Locale.ROOT, "%-6s %-4s %9s %9s %10s %10s %8s %10s %9s %11s %11s%n", "", "", "ms", "ms", "ms", "ms", "ms", "ms", "ms", "ms", "ms");
            for (int i = 1; i <= runs; i++) {
                SyscallFloor.Cost floor = SyscallFloor.measure(packets, TimeUnit.MILLISECONDS.toNanos(20));
                long before = reflector.cpuTimeNanos();
                ProbeResult r = rtp(reflector, burst);
                double reflectorMs = (reflector.cpuTimeNanos() - before) / 1e6;
                double agentMs = row("rtp", i, r, reflectorMs, floor);
                rtpCosts.add(new double[]{agentMs, reflectorMs, floor.senderMs(), floor.echoMs(), floor.wakeLateP50Ms(), floor.wakeLateP99Ms()});
            }
            SyscallFloor.Cost floor = SyscallFloor.measure(packets, TimeUnit.MILLISECONDS.toNanos(20));
            long before = stamp.cpuTimeNanos();
            ProbeResult s = stamp(stamp, burst);
            row("stamp", 1, s, (stamp.cpuTimeNanos() - before) / 1e6, floor);
        }
        OUT.printf(Locale.ROOT, "%nrtp medians over %d runs: agent %.1f ms (floor %.1f), reflector %.1f ms (floor %.1f) of thread CPU per burst%n",
                runs, median(rtpCosts, 0), median(rtpCosts, 2), median(rtpCosts, 1), median(rtpCosts, 3));
        OUT.printf(Locale.ROOT, "bare park wake-up lateness (the floor sender, a plain park to each deadline): median %.3f ms, p99 %.3f ms "
                + "(medians over the runs)%n", median(rtpCosts, 4), median(rtpCosts, 5));
        OUT.printf(Locale.ROOT, "burst %s at 50 packets/s (PCMU, 20 ms); targets: pacing p99 <= 0.2 ms, clean-loopback jitter <= 0.05 ms, "
                + "CPU per burst <= 50 ms for agent and reflector%n", DurationText.format(burst));
        OUT.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
    }

    private static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void warmUp(Reflector reflector, StampReflector stamp) {
        new RtpBurstProbe().run(new RtpBurstSpec("warm-up", WARM_UP_RTP, "127.0.0.1:" + reflector.localAddress().getPort(),
                Codec.PCMU, 10, WARM_UP_RTP, 46), ProbeContext.quiet("bench"));
        new StampProbe().run(new StampSpec("warm-up", WARM_UP_STAMP, "127.0.0.1:" + stamp.localAddress().getPort(),
                StampReflectorMode.STATEFUL, Codec.PCMU, 10, WARM_UP_STAMP, 46, null, null), ProbeContext.quiet("bench"));
    }

    private static ProbeResult rtp(Reflector reflector, Duration burst) {
        RtpBurstSpec spec = new RtpBurstSpec("bench", burst, "127.0.0.1:" + reflector.localAddress().getPort(), Codec.PCMU, 20, burst, 46);
        return new RtpBurstProbe().run(spec, ProbeContext.quiet("bench"));
    }

    private static ProbeResult stamp(StampReflector stamp, Duration burst) {
        return new StampProbe().run(new StampSpec("bench", burst, "127.0.0.1:" + stamp.localAddress().getPort(),
                StampReflectorMode.STATEFUL, Codec.PCMU, 20, burst, 46, null, null), ProbeContext.quiet("bench"));
    }

    /** Prints one run; returns the agent's CPU milliseconds (NaN when the probe did not measure). */
    private static double row(String probe, int run, ProbeResult r, double reflectorCpuMs, SyscallFloor.Cost floor) {
        var self = r.details() == null ? null : r.details().get("self");
        if (self == null) {
            OUT.printf(Locale.ROOT, "%-6s %-4d %s: %s%n", probe, run, r.status().wireName(), r.reason());
            return Double.NaN;
        }
        double agentMs = self.get("cpu_ms").asDouble();
        OUT.printf(Locale.ROOT, "%-6s %-4d %9.3f %9.3f %10.3f %10.3f %8.3f %10.1f %9.1f %11.1f %11.1f%n", probe, run,
                self.get("pacing_error_median_ms").asDouble(), self.get("pacing_error_p99_ms").asDouble(),
                r.metrics().get("jitter_up_ms"), r.metrics().get("jitter_down_ms"), r.metrics().get("rtt_ms"),
                agentMs, reflectorCpuMs, floor.senderMs(), floor.echoMs());
        return agentMs;
    }

    private static void machine() {
        OUT.println("CallReady probe benchmark");
        OUT.printf(Locale.ROOT, "cpu: %s, %d cores available to the JVM%n", cpuModel(), Runtime.getRuntime().availableProcessors());
        OUT.printf(Locale.ROOT, "java: %s %s (%s)%n", System.getProperty("java.vm.vendor"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"));
        OUT.printf(Locale.ROOT, "load average before: %s%n", loadAverage());
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
