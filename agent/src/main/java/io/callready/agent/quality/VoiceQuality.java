package io.callready.agent.quality;

import io.callready.wire.rtp.Codec;

import java.util.EnumMap;
import java.util.Map;

/**
 * Listening-and-talking quality of one call direction from what a probe measures.
 *
 * <p>Mouth-to-ear delay model: d = RTT / 2 + jitter buffer + ptime + codec look-ahead, where the jitter buffer is
 * the mean playout delay of the simulated buffer ({@link JitterBuffer}), ptime is the packetisation delay of one
 * frame, and the look-ahead is {@link Codec#lookaheadMs()}. Network delay is the direction's measured one-way delay
 * when both clocks are synchronised ({@link #estimateOneWay}), otherwise assumed symmetric (RTT / 2). The delay
 * impairment Id is the full G.107 one
 * ({@link EModel#rate}), not the Cole–Rosenbluth line.
 */
public final class VoiceQuality {
    private VoiceQuality() {
    }

    public static double mouthToEarMs(double rttMs, double jitterBufferMs, int ptimeMs, Codec codec) {
        return rttMs / 2 + jitterBufferMs + ptimeMs + codec.lookaheadMs();
    }

    /**
     * @param effectiveLossRatio network loss plus late discards, 0..1
     * @param burstRatio         G.107 BurstR of that loss pattern
     */
    public static Estimate estimate(Codec codec, int ptimeMs, double rttMs, double jitterBufferMs,
                                    double effectiveLossRatio, double burstRatio) {
        return estimateOneWay(codec, ptimeMs, rttMs / 2, jitterBufferMs, effectiveLossRatio, burstRatio);
    }

    /** As {@link #estimate}, with the direction's network one-way delay instead of RTT / 2. */
    public static Estimate estimateOneWay(Codec codec, int ptimeMs, double networkDelayMs, double jitterBufferMs,
                                          double effectiveLossRatio, double burstRatio) {
        CodecImpairment impairment = CodecImpairment.of(codec);
        double d = networkDelayMs + jitterBufferMs + ptimeMs + codec.lookaheadMs();
        EModel.Rating rating = EModel.rate(d, impairment, effectiveLossRatio * 100, burstRatio);
        // the G.107 sum goes below 0 under heavy loss or delay; the R scale (and its MOS mapping) ends at 0
        return new Estimate(d, Math.max(0, rating.r()), rating.mos(), impairment.provisional());
    }

    public static Estimate estimate(Codec codec, int ptimeMs, double rttMs, PlayoutLoss loss) {
        return estimateOneWay(codec, ptimeMs, rttMs / 2, loss);
    }

    public static Estimate estimateOneWay(Codec codec, int ptimeMs, double networkDelayMs, PlayoutLoss loss) {
        return estimateOneWay(codec, ptimeMs, networkDelayMs, loss.bufferDelayMs(), loss.effectiveLossRatio(), loss.burstRatio());
    }

    /**
     * The MOS each supported codec would get over the same path: same RTT, buffer and loss pattern; each codec's
     * own Ie, Bpl and look-ahead. The worse of the two directions counts.
     */
    public static Map<Codec, Estimate> whatIf(int ptimeMs, double rttMs, PlayoutLoss up, PlayoutLoss down) {
        return whatIf(ptimeMs, rttMs / 2, rttMs / 2, up, down);
    }

    /** As {@link #whatIf(int, double, PlayoutLoss, PlayoutLoss)} with each direction's network one-way delay. */
    public static Map<Codec, Estimate> whatIf(int ptimeMs, double upDelayMs, double downDelayMs, PlayoutLoss up, PlayoutLoss down) {
        Map<Codec, Estimate> byCodec = new EnumMap<>(Codec.class);
        for (Codec codec : Codec.values()) {
            Estimate a = estimateOneWay(codec, ptimeMs, upDelayMs, up);
            Estimate b = estimateOneWay(codec, ptimeMs, downDelayMs, down);
            byCodec.put(codec, a.mos() <= b.mos() ? a : b);
        }
        return byCodec;
    }

    /** @param rFactor transmission rating R on its 0..100 scale: 0 where the model's sum is lower (unusable) */
    public record Estimate(double mouthToEarMs, double rFactor, double mos, boolean provisional) {
    }
}
