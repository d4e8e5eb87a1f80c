package io.callready.agent.quality;

import io.callready.wire.rtp.Codec;

import java.util.EnumMap;
import java.util.Map;

/**
 * Listening-and-talking quality of one call direction from what a probe measures.
 *
 * <p>Mouth-to-ear delay model: d = RTT / 2 + jitter buffer + ptime + codec look-ahead, where the jitter buffer is
 * the mean playout delay of the simulated buffer ({@link JitterBuffer}), ptime is the packetisation delay of one
 * frame, and the look-ahead is {@link Codec#lookaheadMs()}. Network delay is assumed symmetric (RTT / 2) because
 * the agent and reflector clocks are not synchronised. The delay impairment Id is the full G.107 one
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
        CodecImpairment impairment = CodecImpairment.of(codec);
        double d = mouthToEarMs(rttMs, jitterBufferMs, ptimeMs, codec);
        EModel.Rating rating = EModel.rate(d, impairment, effectiveLossRatio * 100, burstRatio);
        // the model's sum drops below 0 once impairments exceed Ro (total loss, seconds of delay); G.107's scale is
        // 0..100 and rates all of that as R 0, the worst, as its MOS mapping does (MOS 1)
        return new Estimate(d, Math.max(0, rating.r()), rating.mos(), impairment.provisional());
    }

    public static Estimate estimate(Codec codec, int ptimeMs, double rttMs, PlayoutLoss loss) {
        return estimate(codec, ptimeMs, rttMs, loss.bufferDelayMs(), loss.effectiveLossRatio(), loss.burstRatio());
    }

    /**
     * The MOS each supported codec would get over the same path: same RTT, buffer and loss pattern; each codec's
     * own Ie, Bpl and look-ahead. The worse of the two directions counts.
     */
    public static Map<Codec, Estimate> whatIf(int ptimeMs, double rttMs, PlayoutLoss up, PlayoutLoss down) {
        Map<Codec, Estimate> byCodec = new EnumMap<>(Codec.class);
        for (Codec codec : Codec.values()) {
            Estimate a = estimate(codec, ptimeMs, rttMs, up);
            Estimate b = estimate(codec, ptimeMs, rttMs, down);
            byCodec.put(codec, a.mos() <= b.mos() ? a : b);
        }
        return byCodec;
    }

    public record Estimate(double mouthToEarMs, double rFactor, double mos, boolean provisional) {
    }
}
