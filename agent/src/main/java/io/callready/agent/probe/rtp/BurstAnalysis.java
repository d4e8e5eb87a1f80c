package io.callready.agent.probe.rtp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.agent.probe.CallQualityMetrics;
import io.callready.agent.quality.InterarrivalJitter;
import io.callready.agent.quality.JitterBuffer;
import io.callready.agent.quality.PlayoutLoss;
import io.callready.agent.quality.StreamTrace;
import io.callready.wire.result.MetricNames;
import io.callready.wire.rtp.Codec;
import io.callready.wire.rtp.ProbePacket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Turns a finished burst into per-direction metrics. Pure: no clock, no sockets.
 *
 * <ul>
 * <li>RTT per packet = (T4 − T1) − hold; reported as median, min and max. T1 and T4 are the agent's wall clock,
 *     T2 and T3 the reflector's, so each difference is one host's clock. A reply whose hold exceeds its round
 *     trip (a clock step on the reflector, or a reflector stamping from two clocks) counts as received but gives
 *     no RTT or downstream transit; the details count it. The caller needs at least one timed reply.</li>
 * <li>Upstream jitter: RFC 3550 on T2 − T1, in the order the reflector received the packets: over every request that
 *     reached it, from the reflector's arrival record ({@link ReflectorArrivals}); without that record (an older
 *     reflector) over the answered requests in reply index order.
 *     Downstream jitter: on T4 − T3 with T3 = T2 + hold, in the order the replies arrived here.</li>
 * <li>Upstream loss from the reflector's own count of distinct packets received; downstream loss from the reply
 *     indices received against the replies the reflector says it sent. Without the stats reply both are estimated
 *     from the reply indices and the result says so.</li>
 * <li>Loss pattern per direction: downstream over reply indices; upstream over the packets in send order, as the
 *     reflector's arrival record says. Without that record an unanswered packet counts as received upstream when a
 *     reply index is missing around it (its reply was lost on the way down), which misattributes losses when
 *     requests were also reordered; {@code details.upstream_from} says which was used.</li>
 * <li>Network delay per direction for the E-model: the measured one-way delay when both clocks are synchronised
 *     ({@link DelayModel}), else RTT / 2.</li>
 * <li>Each direction's pattern goes through the simulated jitter buffer ({@link JitterBuffer}); late packets become
 *     discards, and BurstR, RFC 3611 bursts and the E-model use that effective pattern
 *     ({@link CallQualityMetrics}). An upstream packet whose reply was lost has no known transit and counts as
 *     played.</li>
 * </ul>
 */
public final class BurstAnalysis {
    private static final double NS_PER_MS = 1_000_000.0;

    private BurstAnalysis() {
    }

    /**
     * @param metrics     metric name → value, units in the names
     * @param notes       caveats worth a place in the result's reason (empty when there are none)
     * @param details     evidence for the result's details field
     * @param dscpSeenUp   most common DSCP the reflector saw on arrival, if it could read it
     * @param dscpSeenDown most common DSCP the replies arrived with here, if the kernel said
     */
    public record Analysis(Map<String, Double> metrics, List<String> notes, ObjectNode details, OptionalInt dscpSeenUp,
                           OptionalInt dscpSeenDown, boolean provisional) {

        /** Adds the DSCP each direction arrived with to {@code labels}, and a note for a direction that was re-marked. */
        public void reportDscp(int markedDscp, Map<String, String> labels, List<String> reasons) {
            dscpSeenUp.ifPresent(d -> {
                labels.put(MetricNames.LABEL_DSCP_SEEN_UP, Integer.toString(d));
                if (d != markedDscp) {
                    reasons.add("DSCP " + markedDscp + " was re-marked to " + d + " on the way up (the reflector saw " + d + ")");
                }
            });
            dscpSeenDown.ifPresent(d -> {
                labels.put(MetricNames.LABEL_DSCP_SEEN_DOWN, Integer.toString(d));
                if (d != markedDscp) {
                    reasons.add("DSCP " + markedDscp + " was re-marked to " + d + " on the way down (replies arrived with " + d + ")");
                }
            });
        }
    }

    /** @param stats the reflector's counters for this session, or null if they never arrived */
    static Analysis analyse(BurstLog log, ProbePacket.SessionStats stats, Codec codec, int ptimeMs, JitterBuffer buffer) {
        return analyse(log, stats, null, codec, ptimeMs, buffer);
    }

    /**
     * @param stats    the reflector's counters for this session, or null if they never arrived
     * @param arrivals the reflector's record of every request's arrival, or null if it keeps none or it did not arrive
     */
    static Analysis analyse(BurstLog log, ProbePacket.SessionStats stats, ReflectorArrivals arrivals, Codec codec, int ptimeMs,
                            JitterBuffer buffer) {
        return analyse(log, stats, arrivals, DelayModel.rttHalf(null), codec, ptimeMs, buffer);
    }

    /** @param delays each direction's network delay for the E-model: measured one-way, or RTT / 2 */
    static Analysis analyse(BurstLog log, ProbePacket.SessionStats stats, ReflectorArrivals arrivals, DelayModel delays,
                            Codec codec, int ptimeMs, JitterBuffer buffer) {
        Analysis a = analyseWithoutStats(log, stats, arrivals, delays, codec, ptimeMs, buffer);
        if (stats == null) {
            a.notes().add("reflector stats did not arrive: upstream loss estimated from the replies received, "
                    + "downstream loss from the highest reply index");
        }
        return a;
    }

    /**
     * For reflectors that number their replies but keep no counters to ask for (a stateful STAMP reflector): loss
     * is split by direction from the reply indices alone, so a lost last reply counts as lost upstream.
     */
    public static Analysis analyseFromReplyIndices(BurstLog log, Codec codec, int ptimeMs, JitterBuffer buffer) {
        return analyseWithoutStats(log, null, null, DelayModel.rttHalf(null), codec, ptimeMs, buffer);
    }

    private static Analysis analyseWithoutStats(BurstLog log, ProbePacket.SessionStats stats, ReflectorArrivals arrivals,
                                                DelayModel delays, Codec codec, int ptimeMs, JitterBuffer buffer) {
        Map<String, Double> m = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        ObjectNode details = JsonNodeFactory.instance.objectNode();

        int sent = log.sentCount();
        int answered = log.arrivals;
        m.put(MetricNames.PACKETS_SENT, (double) sent);
        m.put(MetricNames.PACKETS_RECEIVED, (double) answered);

        double[] rtts = rttsMs(log);
        double rttMedian = median(rtts);
        m.put(MetricNames.RTT_MS, rttMedian);
        m.put(MetricNames.RTT_MIN_MS, rtts[0]);
        m.put(MetricNames.RTT_MAX_MS, rtts[rtts.length - 1]);

        m.put(MetricNames.JITTER_UP_MS, upstreamJitterMs(log, arrivals));
        m.put(MetricNames.JITTER_DOWN_MS, downstreamJitterMs(log));

        long upstreamReceived;
        long repliesSent;
        if (stats != null) {
            upstreamReceived = Math.min(stats.received(), sent);
            repliesSent = Math.max(stats.repliesSent(), log.maxReplyIndex);
        } else {
            upstreamReceived = Math.min(sent, Math.max(answered, log.maxReplyIndex - log.extraRepliesForDuplicatedRequests));
            repliesSent = log.maxReplyIndex;
        }
        double lossUp = sent == 0 ? 0 : clamp01(1.0 - (double) upstreamReceived / sent);
        double lossDown = repliesSent == 0 ? 0 : clamp01(1.0 - (double) log.uniqueReplies() / repliesSent);
        m.put(MetricNames.LOSS_UP_RATIO, lossUp);
        m.put(MetricNames.LOSS_DOWN_RATIO, lossDown);
        if (stats != null) {
            m.put(MetricNames.DUPLICATES_UP, (double) stats.duplicates());
            m.put(MetricNames.REORDERED_UP, (double) stats.reordered());
        }
        m.put(MetricNames.DUPLICATES_DOWN, (double) log.downstreamDuplicates);
        m.put(MetricNames.REORDERED_DOWN, (double) log.downstreamReordered);

        PlayoutLoss up = PlayoutLoss.of(upstreamTrace(log, repliesSent, arrivals), buffer);
        PlayoutLoss down = PlayoutLoss.of(downstreamTrace(log, repliesSent), buffer);
        boolean provisional;
        if (delays.oneWay()) {
            m.put(MetricNames.DELAY_UP_MS, delays.upMs());
            m.put(MetricNames.DELAY_DOWN_MS, delays.downMs());
            m.put(MetricNames.DELAY_ERROR_MS, delays.errorMs());
            provisional = CallQualityMetrics.put(m, details, codec, ptimeMs, delays.upMs(), delays.downMs(), up, down);
        } else {
            provisional = CallQualityMetrics.put(m, details, codec, ptimeMs, rttMedian, up, down);
        }

        ((ObjectNode) details.get("upstream"))
                .put("received", upstreamReceived)
                .put("extra_replies_for_duplicated_requests", log.extraRepliesForDuplicatedRequests);
        ((ObjectNode) details.get("downstream"))
                .put("replies_sent", repliesSent)
                .put("replies_received", log.uniqueReplies());
        details.put("stats_received", stats != null);
        details.put("upstream_from", arrivals != null ? "reflector_arrivals" : "replies");
        if (log.implausibleReplies > 0) {
            details.put("implausible_replies", log.implausibleReplies);
        }
        if (log.inconsistentTimestamps > 0) {
            details.put("inconsistent_timestamps", log.inconsistentTimestamps);
            notes.add(log.inconsistentTimestamps + " replies left out of RTT: the reflector's hold time exceeded the round trip "
                    + "(its clock stepped, or it stamps receive and send from different clocks)");
        }
        return new Analysis(m, notes, details, mostCommonDscp(arrivals != null ? arrivals.tosCounts : log.tosSeenCounts),
                mostCommonDscp(log.tosArrivedCounts), provisional);
    }

    /**
     * Why a burst with replies has no timing to report, or null when it has: the wall clock was stepped during it
     * ({@code clockStepReason}), or no reply's stamps were consistent.
     */
    public static String whyUntimed(BurstLog log, String clockStepReason) {
        if (clockStepReason != null) {
            return clockStepReason;
        }
        if (log.timedCount() == 0) {
            return "all " + log.arrivals + " replies had a reflector hold time (T3 − T2) longer than their round trip: the "
                    + "reflector's clock stepped, or it stamps receive and send from different clocks; no timing reported";
        }
        return null;
    }

    /** Packets sent and answered: what a burst without usable timing still reports. */
    public static Map<String, Double> counts(BurstLog log) {
        return Map.of(MetricNames.PACKETS_SENT, (double) log.sentCount(), MetricNames.PACKETS_RECEIVED, (double) log.arrivals);
    }

    static double[] rttsMs(BurstLog log) {
        double[] rtts = new double[log.timedCount()];
        int n = 0;
        for (int k = 0; k < log.arrivals; k++) {
            int i = log.arrivalOrder[k];
            if (log.timed[i]) {
                rtts[n++] = (log.replyNanos[i] - log.sentNanos.get(i) - log.holdNanos[i]) / NS_PER_MS;
            }
        }
        Arrays.sort(rtts);
        return rtts;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double upstreamJitterMs(BurstLog log, ReflectorArrivals arrivals) {
        InterarrivalJitter j = new InterarrivalJitter();
        if (arrivals != null) {
            for (int k = 0; k < arrivals.count; k++) {
                int i = arrivals.order[k];
                // a send reported as failed has no T1, whatever reached the reflector
                if (log.wasSent(i)) {
                    j.add(log.sentNanos.get(i), arrivals.t2Nanos[i]);
                }
            }
            return j.jitterMs();
        }
        for (int i : log.answeredInReflectorOrder()) {
            j.add(log.sentNanos.get(i), log.reflectorReceiveNanos[i]);
        }
        return j.jitterMs();
    }

    static double downstreamJitterMs(BurstLog log) {
        InterarrivalJitter j = new InterarrivalJitter();
        for (int k = 0; k < log.arrivals; k++) {
            int i = log.arrivalOrder[k];
            if (log.timed[i]) {
                j.add(log.reflectorReceiveNanos[i] + log.holdNanos[i], log.replyNanos[i]);
            }
        }
        return j.jitterMs();
    }

    /**
     * Send-order pattern of the requests with their upstream transit T2 − T1; see the class doc for how unanswered
     * packets are attributed without the reflector's arrival record.
     */
    static StreamTrace upstreamTrace(BurstLog log, long repliesSent, ReflectorArrivals arrivals) {
        if (arrivals != null) {
            int sent = log.sentCount();
            boolean[] received = new boolean[sent];
            double[] transit = new double[sent];
            int n = 0;
            for (int i = 0; i < log.packets; i++) {
                if (log.wasSent(i)) {
                    received[n] = arrivals.arrived[i];
                    transit[n] = arrivals.arrived[i] ? (arrivals.t2Nanos[i] - log.sentNanos.get(i)) / NS_PER_MS : Double.NaN;
                    n++;
                }
            }
            return new StreamTrace(received, transit);
        }
        boolean[] reached = Arrays.copyOf(log.answered, log.packets);
        long previousIndex = 0;
        int previousPacket = -1;
        int[] order = log.answeredInReflectorOrder();
        for (int k = 0; k <= order.length; k++) {
            int packet = k < order.length ? order[k] : log.packets;
            long index = k < order.length ? log.replyIndex[packet] : repliesSent + 1;
            long missingReplies = index - previousIndex - 1;
            for (int j = previousPacket + 1; j < packet && missingReplies > 0; j++) {
                if (log.wasSent(j) && !reached[j]) {
                    reached[j] = true;
                    missingReplies--;
                }
            }
            previousIndex = index;
            previousPacket = Math.max(previousPacket, packet);
        }
        int sent = log.sentCount();
        boolean[] received = new boolean[sent];
        double[] transit = new double[sent];
        int n = 0;
        for (int i = 0; i < log.packets; i++) {
            if (log.wasSent(i)) {
                received[n] = reached[i];
                transit[n] = log.answered[i] ? (log.reflectorReceiveNanos[i] - log.sentNanos.get(i)) / NS_PER_MS : Double.NaN;
                n++;
            }
        }
        return new StreamTrace(received, transit);
    }

    /** Reply-index order pattern of the replies with their downstream transit T4 − T3 (first reply of each packet). */
    static StreamTrace downstreamTrace(BurstLog log, long repliesSent) {
        int n = (int) repliesSent;
        boolean[] received = new boolean[n];
        double[] transit = new double[n];
        Arrays.fill(transit, Double.NaN);
        for (int r = 1; r <= n; r++) {
            received[r - 1] = log.replyIndicesSeen.get(r);
        }
        for (int k = 0; k < log.arrivals; k++) {
            int i = log.arrivalOrder[k];
            long r = log.replyIndex[i];
            if (r <= n && log.timed[i]) {
                transit[(int) r - 1] = (log.replyNanos[i] - log.reflectorReceiveNanos[i] - log.holdNanos[i]) / NS_PER_MS;
            }
        }
        return new StreamTrace(received, transit);
    }

    private static OptionalInt mostCommonDscp(int[] tosCounts) {
        int best = -1;
        for (int tos = 0; tos < 256; tos++) {
            if (tos != ProbePacket.TOS_UNKNOWN && tosCounts[tos] > 0 && (best < 0 || tosCounts[tos] > tosCounts[best])) {
                best = tos;
            }
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(best >>> 2);
    }

    private static double clamp01(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }
}
