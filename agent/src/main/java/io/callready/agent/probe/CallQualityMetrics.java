package io.callready.agent.probe;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.agent.quality.LossRuns;
import io.callready.agent.quality.PlayoutLoss;
import io.callready.agent.quality.VoiceQuality;
import io.callready.wire.plan.JitterBufferSpec;
import io.callready.wire.result.MetricNames;
import io.callready.wire.rtp.Codec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The voice-quality part of a two-way probe's result, shared by the RTP burst and STAMP probes: per-direction
 * effective loss, discards, BurstR and RFC 3611 bursts, the E-model rating of each direction, the headline of the
 * worse one, and the what-if MOS of every codec.
 */
public final class CallQualityMetrics {
    private CallQualityMetrics() {
    }

    /** @return true when the headline MOS is provisional (no ITU values for the codec) */
    public static boolean put(Map<String, Double> m, ObjectNode details, Codec codec, int ptimeMs, double rttMs,
                              PlayoutLoss up, PlayoutLoss down) {
        return put(m, details, codec, ptimeMs, rttMs / 2, rttMs / 2, up, down);
    }

    /**
     * As {@link #put(Map, ObjectNode, Codec, int, double, PlayoutLoss, PlayoutLoss)} with each direction's network
     * one-way delay (RTT / 2 each when the clocks are not known to be synchronised).
     */
    public static boolean put(Map<String, Double> m, ObjectNode details, Codec codec, int ptimeMs, double upDelayMs,
                              double downDelayMs, PlayoutLoss up, PlayoutLoss down) {
        direction(m, up, MetricNames.LATE_DISCARDS_UP, MetricNames.LOSS_EFFECTIVE_UP_RATIO, MetricNames.BURST_R_UP,
                MetricNames.LOSS_BURSTS_UP, MetricNames.JITTER_BUFFER_UP_MS, ptimeMs);
        direction(m, down, MetricNames.LATE_DISCARDS_DOWN, MetricNames.LOSS_EFFECTIVE_DOWN_RATIO, MetricNames.BURST_R_DOWN,
                MetricNames.LOSS_BURSTS_DOWN, MetricNames.JITTER_BUFFER_DOWN_MS, ptimeMs);

        VoiceQuality.Estimate upQ = VoiceQuality.estimateOneWay(codec, ptimeMs, upDelayMs, up);
        VoiceQuality.Estimate downQ = VoiceQuality.estimateOneWay(codec, ptimeMs, downDelayMs, down);
        VoiceQuality.Estimate worse = upQ.mos() <= downQ.mos() ? upQ : downQ;
        m.put(MetricNames.ONE_WAY_DELAY_MS, worse.mouthToEarMs());
        m.put(MetricNames.R_FACTOR, worse.rFactor());
        m.put(MetricNames.MOS, worse.mos());
        m.put(MetricNames.MOS_UP, upQ.mos());
        m.put(MetricNames.MOS_DOWN, downQ.mos());
        VoiceQuality.whatIf(ptimeMs, upDelayMs, downDelayMs, up, down).forEach((c, e) -> m.put(MetricNames.mosIf(c), e.mos()));

        details.set("upstream", burstGap(up, ptimeMs));
        details.set("downstream", burstGap(down, ptimeMs));
        return worse.provisional();
    }

    /** The labels every two-way call-quality probe starts with: what it imitated and how it was marked. */
    public static Map<String, String> labels(Codec codec, int ptimeMs, int dscp, JitterBufferSpec jitterBuffer) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MetricNames.LABEL_CODEC, codec.wireName());
        labels.put(MetricNames.LABEL_PTIME_MS, Integer.toString(ptimeMs));
        labels.put(MetricNames.LABEL_DSCP, Integer.toString(dscp));
        labels.put(MetricNames.LABEL_JITTER_BUFFER, jitterBuffer.toString());
        return labels;
    }

    /** The codecs whose what-if MOS is provisional, comma-separated, for {@link MetricNames#LABEL_MOS_IF_PROVISIONAL}. */
    public static String provisionalCodecs(int ptimeMs) {
        StringJoiner j = new StringJoiner(",");
        for (Codec c : Codec.values()) {
            if (VoiceQuality.estimate(c, ptimeMs, 0, 0, 0, 1).provisional()) {
                j.add(c.wireName());
            }
        }
        return j.toString();
    }

    private static void direction(Map<String, Double> m, PlayoutLoss loss, String discards, String effective, String burstR,
                                  String bursts, String buffer, int ptimeMs) {
        m.put(discards, (double) loss.discards());
        m.put(effective, loss.effectiveLossRatio());
        m.put(burstR, loss.burstRatio());
        m.put(bursts, (double) loss.runs().burstGap(ptimeMs).bursts());
        m.put(buffer, loss.bufferDelayMs());
    }

    private static ObjectNode burstGap(PlayoutLoss loss, int ptimeMs) {
        LossRuns runs = loss.runs();
        LossRuns.BurstGap bg = runs.burstGap(ptimeMs);
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("packets", loss.packets());
        node.put("lost", loss.lost());
        node.put("late_discards", loss.discards());
        node.put("markov_p", nanToNull(runs.lossAfterReceived()));
        node.put("markov_q", nanToNull(runs.receivedAfterLoss()));
        node.put("bursts", bg.bursts());
        node.put("gap_losses", bg.gapLosses());
        node.put("burst_density_ratio", bg.burstDensity());
        node.put("gap_density_ratio", bg.gapDensity());
        node.put("burst_duration_ms", bg.burstDurationMs());
        node.put("gap_duration_ms", bg.gapDurationMs());
        return node;
    }

    private static Double nanToNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
