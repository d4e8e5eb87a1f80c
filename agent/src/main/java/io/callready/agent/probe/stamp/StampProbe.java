package io.callready.agent.probe.stamp;

import io.callready.agent.probe.CallQualityMetrics;
import io.callready.agent.probe.Probe;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRun;
import io.callready.agent.probe.ProbeSockets;
import io.callready.agent.probe.rtp.BurstAnalysis;
import io.callready.agent.probe.rtp.BurstLog;
import io.callready.agent.quality.Grading;
import io.callready.agent.quality.JitterBuffer;
import io.callready.agent.quality.Thresholds;
import io.callready.wire.plan.StampReflectorMode;
import io.callready.wire.plan.StampSpec;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A STAMP session-sender (RFC 8762) against any STAMP or TWAMP-light reflector. The same analysis as the RTP
 * burst applies: RTT = (T4 − T1) − (T3 − T2), per-direction RFC 3550 jitter from the reflector's T2/T3, the
 * jitter-buffer simulation and the E-model. Loss splits by direction only with a stateful reflector; against a
 * stateless one every loss is rated on the downstream leg and reported as round-trip loss.
 */
public final class StampProbe implements Probe<StampSpec> {
    private final Thresholds thresholds;

    public StampProbe() {
        this(Thresholds.DEFAULTS);
    }

    public StampProbe(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.STAMP;
    }

    @Override
    public String target(StampSpec spec) {
        return spec.reflector();
    }

    @Override
    public ProbeResult run(StampSpec spec, ProbeContext context) {
        ProbeRun run = new ProbeRun(kind(), target(spec), context);
        Map<String, String> labels = CallQualityMetrics.labels(spec.codec(), spec.ptimeMs(), spec.dscp(), spec.jitterBuffer());
        labels.put(MetricNames.LABEL_STAMP_REFLECTOR_MODE, spec.reflectorMode().wireName());
        int packets = (int) (spec.burst().toMillis() / spec.ptimeMs());
        return ProbeSockets.measure(run, "STAMP reflector", spec.reflector(), spec.dscp(), spec.sourcePort(), labels, socket -> {
            context.progress().accept(String.format(Locale.ROOT, "sending %d STAMP packets to %s every %d ms (DSCP %d, %s reflector)",
                    packets, spec.reflector(), spec.ptimeMs(), spec.dscp(), spec.reflectorMode().wireName()));
            StampSession session = new StampSession(socket, packets, TimeUnit.MILLISECONDS.toNanos(spec.ptimeMs()), spec.reflectorMode());
            return conclude(run, spec, session.run(), labels);
        });
    }

    private ProbeResult conclude(ProbeRun run, StampSpec spec, StampSession.Outcome outcome, Map<String, String> labels) {
        BurstLog log = outcome.log();
        int sent = log.sentCount();
        if (sent == 0) {
            return run.finish(ResultStatus.ERROR, "could not send any packet to " + spec.reflector() + ": "
                    + (outcome.portUnreachable() ? "ICMP port unreachable" : outcome.sendError()),
                    Map.of(MetricNames.PACKETS_SENT, 0.0), labels, null);
        }
        if (log.answeredCount() == 0) {
            String reason = outcome.portUnreachable()
                    ? "STAMP reflector " + spec.reflector() + " refused the packets (ICMP port unreachable): nothing listens there"
                    : String.format(Locale.ROOT, "no STAMP reply from %s within %.1f s after the last of %d packets",
                    spec.reflector(), outcome.lingerMs() / 1000.0, sent);
            if (outcome.unmatchedReplies() > 0) {
                reason += "; " + outcome.unmatchedReplies() + " replies did not echo the send timestamp of the packet they "
                        + "name (an earlier session's, or a reflector that does not copy the Session-Sender Timestamp)";
            }
            return run.finish(ResultStatus.FAILED, reason,
                    Map.of(MetricNames.PACKETS_SENT, (double) sent, MetricNames.PACKETS_RECEIVED, 0.0), labels, null);
        }
        String untimed = BurstAnalysis.whyUntimed(log, outcome.clockStepReason());
        if (untimed != null) {
            return run.finish(ResultStatus.ERROR, untimed, BurstAnalysis.counts(log), labels, null);
        }
        BurstAnalysis.Analysis analysis = BurstAnalysis.analyseFromReplyIndices(log, spec.codec(), spec.ptimeMs(),
                JitterBuffer.of(spec.jitterBuffer(), spec.ptimeMs()));
        Map<String, Double> metrics = new LinkedHashMap<>(analysis.metrics());
        List<String> reasons = new ArrayList<>();
        if (spec.reflectorMode() == StampReflectorMode.STATELESS) {
            roundTripOnly(metrics);
            reasons.add("stateless reflector: loss direction unknown, rated as downstream loss");
        }
        labels.put(MetricNames.LABEL_MOS_PROVISIONAL, Boolean.toString(analysis.provisional()));
        labels.put(MetricNames.LABEL_MOS_IF_PROVISIONAL, CallQualityMetrics.provisionalCodecs(spec.ptimeMs()));
        // a STAMP reflector answers with its own marking, so a difference is no evidence of re-marking
        analysis.dscpSeenDown().ifPresent(d -> labels.put(MetricNames.LABEL_DSCP_SEEN_DOWN, Integer.toString(d)));
        outcome.self().putInto(analysis.details());
        if (outcome.malformedReplies() > 0) {
            analysis.details().put("malformed_replies", outcome.malformedReplies());
        }
        if (outcome.unmatchedReplies() > 0) {
            analysis.details().put("unmatched_replies", outcome.unmatchedReplies());
        }
        Grading.Grade grade = Grading.grade(metrics, thresholds);
        reasons.addAll(analysis.notes());
        reasons.addFirst(grade.reason());
        if (outcome.sendError() != null) {
            reasons.add((log.packets - sent) + " packets could not be sent: " + outcome.sendError());
        }
        return run.finish(grade.status(), String.join("; ", reasons), metrics, labels, analysis.details());
    }

    /** A stateless reflector's sequence is ours: every gap looks downstream, so say round trip instead. */
    private static void roundTripOnly(Map<String, Double> m) {
        m.put(MetricNames.LOSS_ROUND_TRIP_RATIO, m.remove(MetricNames.LOSS_DOWN_RATIO));
        m.remove(MetricNames.LOSS_UP_RATIO);
        m.remove(MetricNames.DUPLICATES_DOWN);
        m.remove(MetricNames.REORDERED_DOWN);
        m.remove(MetricNames.MOS_UP);
        m.remove(MetricNames.MOS_DOWN);
    }
}
