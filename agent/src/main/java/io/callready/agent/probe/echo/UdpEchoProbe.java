package io.callready.agent.probe.echo;

import io.callready.agent.probe.Probe;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRun;
import io.callready.agent.probe.ProbeSockets;
import io.callready.agent.quality.Grading;
import io.callready.agent.quality.InterarrivalJitter;
import io.callready.agent.quality.Thresholds;
import io.callready.wire.plan.UdpEchoSpec;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Last resort: a paced stream to a plain UDP echo service (RFC 862). The echo carries no timestamps, so only
 * round-trip metrics exist: RTT (median, min, max), round-trip loss and the RFC 3550 jitter of the RTT. No
 * direction and no MOS; results carry {@code measurement=round_trip_only}.
 */
public final class UdpEchoProbe implements Probe<UdpEchoSpec> {
    private static final double NS_PER_MS = 1_000_000.0;
    private final Thresholds thresholds;

    public UdpEchoProbe() {
        this(Thresholds.DEFAULTS);
    }

    public UdpEchoProbe(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.UDP_ECHO;
    }

    @Override
    public String target(UdpEchoSpec spec) {
        return spec.target();
    }

    @Override
    public ProbeResult run(UdpEchoSpec spec, ProbeContext context) {
        ProbeRun run = new ProbeRun(kind(), target(spec), context);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MetricNames.LABEL_MEASUREMENT, "round_trip_only");
        labels.put(MetricNames.LABEL_PTIME_MS, Integer.toString(spec.ptimeMs()));
        labels.put(MetricNames.LABEL_DSCP, Integer.toString(spec.dscp()));
        int packets = (int) (spec.burst().toMillis() / spec.ptimeMs());
        return ProbeSockets.measure(run, "echo", spec.target(), spec.dscp(), 0, labels, socket -> {
            context.progress().accept(String.format(Locale.ROOT, "sending %d packets to UDP echo %s (round trip only)",
                    packets, spec.target()));
            EchoSession session = new EchoSession(socket, packets, TimeUnit.MILLISECONDS.toNanos(spec.ptimeMs()));
            session.run();
            return conclude(run, spec, session, labels);
        });
    }

    private ProbeResult conclude(ProbeRun run, UdpEchoSpec spec, EchoSession s, Map<String, String> labels) {
        int sent = s.sentCount();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(MetricNames.PACKETS_SENT, (double) sent);
        m.put(MetricNames.PACKETS_RECEIVED, (double) s.arrivals);
        if (sent == 0 || s.arrivals == 0) {
            String reason = s.portUnreachable
                    ? "echo service " + spec.target() + " refused the packets (ICMP port unreachable): nothing listens there"
                    : sent == 0 ? "could not send any packet to " + spec.target()
                    : "no echo from " + spec.target() + " (round trip only)";
            return run.finish(sent == 0 && !s.portUnreachable ? ResultStatus.ERROR : ResultStatus.FAILED, reason, m, labels, null);
        }
        if (s.clockStepReason != null) {
            return run.finish(ResultStatus.ERROR, s.clockStepReason, m, labels, null);
        }
        double[] rtts = new double[s.arrivals];
        InterarrivalJitter jitter = new InterarrivalJitter();
        for (int k = 0; k < s.arrivals; k++) {
            int i = s.arrivalOrder[k];
            long t1 = s.sentNanos.get(i);
            rtts[k] = (s.echoNanos[i] - t1) / NS_PER_MS;
            jitter.add(t1, s.echoNanos[i]);
        }
        Arrays.sort(rtts);
        int n = rtts.length;
        m.put(MetricNames.RTT_MS, n % 2 == 1 ? rtts[n / 2] : (rtts[n / 2 - 1] + rtts[n / 2]) / 2);
        m.put(MetricNames.RTT_MIN_MS, rtts[0]);
        m.put(MetricNames.RTT_MAX_MS, rtts[n - 1]);
        m.put(MetricNames.JITTER_ROUND_TRIP_MS, jitter.jitterMs());
        m.put(MetricNames.LOSS_ROUND_TRIP_RATIO, (double) (sent - s.arrivals) / sent);
        m.put(MetricNames.DUPLICATES_DOWN, (double) s.duplicates);
        Grading.Grade grade = Grading.grade(m, thresholds);
        return run.finish(grade.status(), grade.reason() + "; UDP echo: round-trip metrics only, no direction and no MOS",
                m, labels, null);
    }
}
