package io.callready.agent.probe.rtp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.agent.quality.InterarrivalJitter;
import io.callready.agent.quality.LossRuns;
import io.callready.agent.quality.VoiceQuality;
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
 * <li>RTT per packet = (T4 − T1) − hold; reported as median, min and max.</li>
 * <li>Upstream jitter: RFC 3550 on T2 − T1, in the order the reflector received the packets (reply index order).
 *     Downstream jitter: on T4 − T3 with T3 = T2 + hold, in the order the replies arrived here.</li>
 * <li>Upstream loss from the reflector's own count of distinct packets received; downstream loss from the reply
 *     indices received against the replies the reflector says it sent. Without the stats reply both are estimated
 *     from the reply indices and the result says so.</li>
 * <li>Burst ratio per direction from the loss pattern: downstream over reply indices; upstream over the packets in
 *     send order, where an unanswered packet counts as received upstream when a reply index is missing around it
 *     (its reply was lost on the way down).</li>
 * <li>MOS per direction with {@link VoiceQuality}; the headline {@code mos}, {@code r_factor} and
 *     {@code mouth_to_ear_delay_ms} are those of the worse direction.</li>
 * </ul>
 */
final class BurstAnalysis {
    private static final double NS_PER_MS = 1_000_000.0;

    private BurstAnalysis() {
    }

    /**
     * @param metrics     metric name → value, units in the names
     * @param notes       caveats worth a place in the result's reason (empty when there are none)
     * @param details     evidence for the result's details field
     * @param dscpSeenUp  most common DSCP the reflector saw on arrival, if it could read it
     */
    record Analysis(Map<String, Double> metrics, List<String> notes, ObjectNode details, OptionalInt dscpSeenUp, boolean provisional) {
    }

    /** @param stats the reflector's counters for this session, or null if they never arrived */
    static Analysis analyse(BurstLog log, ProbePacket.SessionStats stats, Codec codec, int ptimeMs) {
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

        double jitterUp = upstreamJitterMs(log);
        double jitterDown = downstreamJitterMs(log);
        m.put(MetricNames.JITTER_UP_MS, jitterUp);
        m.put(MetricNames.JITTER_DOWN_MS, jitterDown);

        long upstreamReceived;
        long repliesSent;
        if (stats != null) {
            upstreamReceived = Math.min(stats.received(), sent);
            repliesSent = Math.max(stats.repliesSent(), log.maxReplyIndex);
        } else {
            upstreamReceived = Math.min(sent, Math.max(answered, log.maxReplyIndex - log.extraRepliesForDuplicatedRequests));
            repliesSent = log.maxReplyIndex;
            notes.add("reflector stats did not arrive: upstream loss estimated from the replies received, "
                    + "downstream loss from the highest reply index");
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

        LossRuns upRuns = upstreamLossRuns(log, repliesSent);
        LossRuns downRuns = downstreamLossRuns(log, repliesSent);
        m.put(MetricNames.BURST_RATIO_UP, upRuns.burstRatio());
        m.put(MetricNames.BURST_RATIO_DOWN, downRuns.burstRatio());

        VoiceQuality.Estimate up = VoiceQuality.estimate(codec, ptimeMs, rttMedian, jitterUp, lossUp, upRuns.burstRatio());
        VoiceQuality.Estimate down = VoiceQuality.estimate(codec, ptimeMs, rttMedian, jitterDown, lossDown, downRuns.burstRatio());
        VoiceQuality.Estimate worse = up.mos() <= down.mos() ? up : down;
        m.put(MetricNames.ONE_WAY_DELAY_MS, worse.mouthToEarMs());
        m.put(MetricNames.R_FACTOR, worse.rFactor());
        m.put(MetricNames.MOS, worse.mos());
        m.put(MetricNames.MOS_UP, up.mos());
        m.put(MetricNames.MOS_DOWN, down.mos());

        details.set("upstream", direction(upRuns, ptimeMs)
                .put("received", upstreamReceived)
                .put("extra_replies_for_duplicated_requests", log.extraRepliesForDuplicatedRequests));
        details.set("downstream", direction(downRuns, ptimeMs)
                .put("replies_sent", repliesSent)
                .put("replies_received", log.uniqueReplies()));
        details.put("stats_received", stats != null);
        if (log.implausibleReplies > 0) {
            details.put("implausible_replies", log.implausibleReplies);
        }
        return new Analysis(m, notes, details, dscpSeenUp(log), up.provisional());
    }

    private static ObjectNode direction(LossRuns runs, int ptimeMs) {
        LossRuns.BurstGap bg = runs.burstGap(ptimeMs);
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("markov_p", nanToNull(runs.lossAfterReceived()));
        node.put("markov_q", nanToNull(runs.receivedAfterLoss()));
        node.put("bursts", bg.bursts());
        node.put("burst_density_ratio", bg.burstDensity());
        node.put("gap_density_ratio", bg.gapDensity());
        node.put("burst_duration_ms", bg.burstDurationMs());
        node.put("gap_duration_ms", bg.gapDurationMs());
        return node;
    }

    private static Double nanToNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

    static double[] rttsMs(BurstLog log) {
        double[] rtts = new double[log.arrivals];
        for (int k = 0; k < log.arrivals; k++) {
            int i = log.arrivalOrder[k];
            rtts[k] = (log.replyNanos[i] - log.sentNanos.get(i) - log.holdNanos[i]) / NS_PER_MS;
        }
        Arrays.sort(rtts);
        return rtts;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double upstreamJitterMs(BurstLog log) {
        InterarrivalJitter j = new InterarrivalJitter();
        for (int i : log.answeredInReflectorOrder()) {
            j.add(log.sentNanos.get(i), log.reflectorReceiveNanos[i]);
        }
        return j.jitterMs();
    }

    static double downstreamJitterMs(BurstLog log) {
        InterarrivalJitter j = new InterarrivalJitter();
        for (int k = 0; k < log.arrivals; k++) {
            int i = log.arrivalOrder[k];
            j.add(log.reflectorReceiveNanos[i] + log.holdNanos[i], log.replyNanos[i]);
        }
        return j.jitterMs();
    }

    /** Send-order loss pattern of the requests; see the class doc for how unanswered packets are attributed. */
    static LossRuns upstreamLossRuns(BurstLog log, long repliesSent) {
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
        LossRuns runs = new LossRuns();
        for (int i = 0; i < log.packets; i++) {
            if (log.wasSent(i)) {
                runs.add(reached[i]);
            }
        }
        return runs;
    }

    static LossRuns downstreamLossRuns(BurstLog log, long repliesSent) {
        LossRuns runs = new LossRuns();
        for (long r = 1; r <= repliesSent; r++) {
            runs.add(log.replyIndicesSeen.get((int) r));
        }
        return runs;
    }

    private static OptionalInt dscpSeenUp(BurstLog log) {
        int best = -1;
        for (int tos = 0; tos < 256; tos++) {
            if (tos != ProbePacket.TOS_UNKNOWN && log.tosSeenCounts[tos] > 0 && (best < 0 || log.tosSeenCounts[tos] > log.tosSeenCounts[best])) {
                best = tos;
            }
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(best >>> 2);
    }

    private static double clamp01(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }
}
