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
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The probe's noise floor and cost on this machine: RTP bursts (and one STAMP session) over clean loopback to an
 * in-process reflector, printing per run the sender's pacing error (|actual − scheduled| send time, median and
 * p99), jitter and RTT, and the CPU time of the agent's sender and receiver threads and of the reflector thread.
 * Not a test: figures depend on the machine and its load, which is printed with them.
 *
 * <p>Usage: {@code ./callready bench [runs] [burst]}, e.g. {@code ./callready bench 3 10s}.
 */
public final class BurstBenchmark {
    private static final PrintStream OUT = System.out;

    private BurstBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Duration burst = args.length > 1 ? DurationText.parse(args[1]) : Duration.ofSeconds(10);
        machine();
        try (Reflector reflector = Reflector.start(ReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0)));
             StampReflector stamp = StampReflector.start(StampReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0),
                     StampReflectorMode.STATEFUL))) {
            OUT.println("warm-up: one burst of each probe, not reported (lets the JIT compile the hot paths)");
            rtp(reflector, burst);
            stamp(stamp, burst);
            OUT.printf(Locale.ROOT, "%n%-6s %-5s %9s %9s %10s %10s %9s %10s %11s %11s%n", "probe", "run", "pace p50", "pace p99",
                    "jitter up", "jitter dn", "RTT p50", "send CPU", "recv CPU", "refl CPU");
            OUT.printf(Locale.ROOT, "%-6s %-5s %9s %9s %10s %10s %9s %10s %11s %11s%n", "", "", "ms", "ms", "ms", "ms", "ms", "ms", "ms", "ms");
            for (int i = 1; i <= runs; i++) {
                long before = reflector.cpuTimeNanos();
                ProbeResult r = rtp(reflector, burst);
                row("rtp", i, r, (reflector.cpuTimeNanos() - before) / 1e6);
            }
            long before = stamp.cpuTimeNanos();
            ProbeResult s = stamp(stamp, burst);
            row("stamp", 1, s, (stamp.cpuTimeNanos() - before) / 1e6);
        }
        int packets = (int) (burst.toMillis() / 20);
        SyscallFloor.Cost floor = SyscallFloor.measure(packets, TimeUnit.MILLISECONDS.toNanos(20));
        OUT.printf(Locale.ROOT, "%nfloor, no probe logic, %d packets: bare paced send %.1f ms, bare echo %.1f ms, bare receive %.1f ms of thread CPU%n",
                packets, floor.senderMs(), floor.echoMs(), floor.sinkMs());
        OUT.printf(Locale.ROOT, "%nburst %s at 50 packets/s (PCMU, 20 ms); targets: pacing p99 <= 0.2 ms, clean-loopback jitter <= 0.05 ms, "
                + "CPU per burst <= 50 ms for agent (send + receive threads) and reflector%n", DurationText.format(burst));
        OUT.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
    }

    private static ProbeResult rtp(Reflector reflector, Duration burst) {
        RtpBurstSpec spec = new RtpBurstSpec("bench", burst, "127.0.0.1:" + reflector.localAddress().getPort(), Codec.PCMU, 20, burst, 46);
        return new RtpBurstProbe().run(spec, ProbeContext.quiet("bench"));
    }

    private static ProbeResult stamp(StampReflector stamp, Duration burst) {
        return new StampProbe().run(new StampSpec("bench", burst, "127.0.0.1:" + stamp.localAddress().getPort(),
                StampReflectorMode.STATEFUL, Codec.PCMU, 20, burst, 46, null, null), ProbeContext.quiet("bench"));
    }

    private static void row(String probe, int run, ProbeResult r, double reflectorCpuMs) {
        var self = r.details() == null ? null : r.details().get("self");
        if (self == null) {
            OUT.printf(Locale.ROOT, "%-6s %-5d %s: %s%n", probe, run, r.status().wireName(), r.reason());
            return;
        }
        OUT.printf(Locale.ROOT, "%-6s %-5d %9.3f %9.3f %10.3f %10.3f %9.3f %10.1f %11.1f %11.1f%n", probe, run,
                self.get("pacing_error_median_ms").asDouble(), self.get("pacing_error_p99_ms").asDouble(),
                r.metrics().get("jitter_up_ms"), r.metrics().get("jitter_down_ms"), r.metrics().get("rtt_ms"),
                self.get("sender_cpu_ms").asDouble(), self.get("receiver_cpu_ms").asDouble(), reflectorCpuMs);
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
