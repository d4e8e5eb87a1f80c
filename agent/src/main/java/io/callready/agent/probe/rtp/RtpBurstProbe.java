package io.callready.agent.probe.rtp;

import io.callready.agent.probe.CallQualityMetrics;
import io.callready.agent.probe.Probe;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRun;
import io.callready.agent.probe.ProbeSockets;
import io.callready.agent.quality.Grading;
import io.callready.agent.quality.JitterBuffer;
import io.callready.agent.quality.Thresholds;
import io.callready.wire.clock.ClockSync;
import io.callready.wire.clock.KernelClockSync;
import io.callready.wire.plan.RtpBurstSpec;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import io.callready.wire.rtp.ProbePacket;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends one call leg's worth of real RTP (codec payload type, size and rate, DSCP-marked) to a CallReady
 * reflector and measures both directions from the replies: RTT, RFC 3550 jitter, loss, duplication, reordering,
 * loss burstiness and the resulting E-model MOS. See {@link BurstAnalysis} for how each metric is derived.
 */
public final class RtpBurstProbe implements Probe<RtpBurstSpec> {
    private final Thresholds thresholds;
    private final ClockSync.Source clock;

    public RtpBurstProbe() {
        this(Thresholds.DEFAULTS);
    }

    public RtpBurstProbe(Thresholds thresholds) {
        this(thresholds, KernelClockSync.INSTANCE);
    }

    /** @param clock what this host's kernel says about its clock synchronisation (decides one-way delay vs RTT / 2) */
    public RtpBurstProbe(Thresholds thresholds, ClockSync.Source clock) {
        this.thresholds = thresholds;
        this.clock = clock;
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.RTP_BURST;
    }

    @Override
    public String target(RtpBurstSpec spec) {
        return spec.reflector();
    }

    @Override
    public ProbeResult run(RtpBurstSpec spec, ProbeContext context) {
        ProbeRun run = new ProbeRun(kind(), target(spec), context);
        Map<String, String> labels = CallQualityMetrics.labels(spec.codec(), spec.ptimeMs(), spec.dscp(), spec.jitterBuffer());
        int packets = (int) (spec.burst().toMillis() / spec.ptimeMs());
        return ProbeSockets.measure(run, "reflector", spec.reflector(), spec.dscp(), spec.sourcePort(), labels, socket -> {
            context.progress().accept(String.format(Locale.ROOT, "sending %d packets to %s (%s, %d ms, DSCP %d) for %d ms",
                    packets, spec.reflector(), spec.codec().wireName(), spec.ptimeMs(), spec.dscp(), spec.burst().toMillis()));
            BurstSession session = new BurstSession(socket, RtpStream.random(spec.codec(), spec.ptimeMs()), packets,
                    ProbePacket.payloadSize(spec.codec(), spec.ptimeMs()), spec.dscp(), spec.ptimeMs(), context.progress());
            return conclude(run, spec, session.run(), labels);
        });
    }

    private ProbeResult conclude(ProbeRun run, RtpBurstSpec spec, BurstSession.Outcome outcome, Map<String, String> labels) {
        BurstLog log = outcome.log();
        int sent = log.sentCount();
        if (sent == 0) {
            return run.finish(ResultStatus.ERROR, "could not send any packet to " + spec.reflector() + ": "
                    + (outcome.portUnreachable() ? "ICMP port unreachable" : outcome.sendError()),
                    Map.of(MetricNames.PACKETS_SENT, 0.0), labels, null);
        }
        if (log.arrivals == 0) {
            Map<String, Double> metrics = Map.of(MetricNames.PACKETS_SENT, (double) sent, MetricNames.PACKETS_RECEIVED, 0.0);
            String reason;
            if (outcome.foreignReplies() > 0) {
                reason = String.format(Locale.ROOT, "%s answered the %d packets, but not as a CallReady reflector: %d datagrams "
                        + "that are not CallReady replies, the first %s; is this the right host and port?",
                        spec.reflector(), sent, outcome.foreignReplies(), outcome.foreignSample());
            } else if (outcome.portUnreachable()) {
                reason = "reflector " + spec.reflector() + " refused the packets (ICMP port unreachable): nothing listens there";
            } else {
                reason = String.format(Locale.ROOT, "no reply from reflector %s within %.1f s after the last of %d packets",
                        spec.reflector(), outcome.lingerMs() / 1000.0, sent);
            }
            return run.finish(ResultStatus.FAILED, reason, metrics, labels, null);
        }
        String untimed = BurstAnalysis.whyUntimed(log, outcome.clockStepReason());
        if (untimed != null) {
            return run.finish(ResultStatus.ERROR, untimed, BurstAnalysis.counts(log), labels, null);
        }
        DelayModel delays = DelayModel.of(log, clock.read(), outcome.reflectorClock());
        BurstAnalysis.Analysis analysis = BurstAnalysis.analyse(log, outcome.stats(), outcome.arrivals(), delays, spec.codec(),
                spec.ptimeMs(), JitterBuffer.of(spec.jitterBuffer(), spec.ptimeMs()));
        labels.put(MetricNames.LABEL_DELAY_MODEL, delays.oneWay() ? "one_way" : "rtt_half");
        labels.put(MetricNames.LABEL_TX_TIMESTAMPS, log.kernelTxStamps() == sent ? "kernel" : "user");
        analysis.details().put("kernel_tx_stamps", log.kernelTxStamps());
        // the analysis above already used them: BurstSession replaced the holds before it ran
        int timed = log.timedCount();
        labels.put(MetricNames.LABEL_REFLECTOR_TX_TIMESTAMPS, timed > 0 && log.kernelHolds() == timed ? "kernel" : "user");
        analysis.details().put("reflector_kernel_tx_stamps", log.kernelHolds());
        if (delays.reason() != null) {
            analysis.details().put("delay_model_reason", delays.reason());
        }
        labels.put(MetricNames.LABEL_MOS_PROVISIONAL, Boolean.toString(analysis.provisional()));
        labels.put(MetricNames.LABEL_MOS_IF_PROVISIONAL, CallQualityMetrics.provisionalCodecs(spec.ptimeMs()));
        outcome.self().putInto(analysis.details());
        Grading.Grade grade = Grading.grade(analysis.metrics(), thresholds);
        List<String> reasons = new ArrayList<>();
        reasons.add(grade.reason());
        reasons.addAll(analysis.notes());
        if (outcome.arrivalsMissing() != null) {
            reasons.add(outcome.arrivalsMissing());
        }
        if (outcome.foreignReplies() > 0) {
            reasons.add(outcome.foreignReplies() + " datagrams from the reflector's address were not CallReady replies to this burst, "
                    + "the first " + outcome.foreignSample());
        }
        int beforeDscp = reasons.size();
        analysis.reportDscp(spec.dscp(), labels, reasons);
        // a re-marked path loses the QoS the site configured: a warning even when the numbers are good today
        ResultStatus status = reasons.size() > beforeDscp && grade.status() == ResultStatus.OK ? ResultStatus.DEGRADED : grade.status();
        if (outcome.sendError() != null) {
            reasons.add((log.packets - sent) + " packets could not be sent: " + outcome.sendError());
        }
        if (outcome.receiveError() != null) {
            reasons.add("receiving stopped early: " + outcome.receiveError());
        }
        return run.finish(status, String.join("; ", reasons), analysis.metrics(), labels, analysis.details());
    }
}
