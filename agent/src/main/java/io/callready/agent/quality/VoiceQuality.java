package io.callready.agent.quality;

import io.callready.wire.rtp.Codec;

/**
 * Listening-and-talking quality of one call direction from what a probe measures.
 *
 * <p>Mouth-to-ear delay model: d = RTT / 2 + jitter buffer + ptime + codec look-ahead, where the jitter buffer
 * is taken as 2 × the RFC 3550 interarrival jitter of that direction, ptime is the packetisation delay of one
 * frame, and the look-ahead is {@link Codec#lookaheadMs()}. Network delay is assumed symmetric (RTT / 2)
 * because the agent and reflector clocks are not synchronised.
 */
public final class VoiceQuality {
    private VoiceQuality() {
    }

    public static double mouthToEarMs(double rttMs, double jitterMs, int ptimeMs, Codec codec) {
        return rttMs / 2 + 2 * jitterMs + ptimeMs + codec.lookaheadMs();
    }

    /**
     * @param lossRatio  lost fraction, 0..1
     * @param burstRatio G.107 BurstR of the loss pattern
     */
    public static Estimate estimate(Codec codec, int ptimeMs, double rttMs, double jitterMs, double lossRatio, double burstRatio) {
        CodecImpairment impairment = CodecImpairment.of(codec);
        double d = mouthToEarMs(rttMs, jitterMs, ptimeMs, codec);
        EModel.Rating rating = EModel.rate(d, impairment, lossRatio * 100, burstRatio);
        return new Estimate(d, rating.r(), rating.mos(), impairment.provisional());
    }

    public record Estimate(double mouthToEarMs, double rFactor, double mos, boolean provisional) {
    }
}
