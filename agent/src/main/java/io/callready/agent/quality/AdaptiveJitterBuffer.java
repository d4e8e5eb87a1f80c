package io.callready.agent.quality;

/**
 * An adaptive playout delay in the style of the classic estimators (Ramjee et al., 1994): it tracks the mean
 * transit m and its mean deviation v with the RFC 3550 gain of 1/16 and plays each packet at
 * base + clamp(m − base + 4v, min, max), where base is the smallest transit seen so far (so the unknown clock
 * offset between sender and receiver cancels). A packet arriving after its playout time is discarded. The
 * estimate is updated after each packet's decision, including discarded ones, like a phone that adapts
 * per packet (time-stretching) rather than only at talk-spurt starts; a probe stream has no silences.
 */
public record AdaptiveJitterBuffer(double minDelayMs, double maxDelayMs) implements JitterBuffer {
    private static final double GAIN = 1.0 / 16;
    private static final double DEVIATIONS = 4;

    public AdaptiveJitterBuffer {
        if (!(minDelayMs > 0) || maxDelayMs < minDelayMs) {
            throw new IllegalArgumentException("need 0 < minDelayMs <= maxDelayMs, got " + minDelayMs + ", " + maxDelayMs);
        }
    }

    @Override
    public Playout play(StreamTrace trace) {
        boolean[] played = new boolean[trace.packets()];
        boolean started = false;
        double base = 0;
        double mean = 0;
        double deviation = 0;
        double delaySum = 0;
        int decided = 0;
        int discards = 0;
        for (int i = 0; i < played.length; i++) {
            if (!trace.received()[i]) {
                continue;
            }
            if (!trace.timed(i)) {
                played[i] = true;
                continue;
            }
            double transit = trace.transitMs()[i];
            if (!started) {
                started = true;
                base = transit;
                mean = transit;
            }
            double depth = Math.clamp(mean - base + DEVIATIONS * deviation, minDelayMs, maxDelayMs);
            played[i] = transit <= base + depth;
            if (!played[i]) {
                discards++;
            }
            delaySum += depth;
            decided++;
            base = Math.min(base, transit);
            deviation += (Math.abs(transit - mean) - deviation) * GAIN;
            mean += (transit - mean) * GAIN;
        }
        return new Playout(played, discards, decided == 0 ? minDelayMs : delaySum / decided);
    }
}
