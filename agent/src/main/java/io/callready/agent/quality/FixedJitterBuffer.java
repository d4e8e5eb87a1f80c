package io.callready.agent.quality;

/**
 * A fixed playout delay, anchored like a phone anchors it: on the first packet that arrives. Packet i plays at
 * its send time + the first packet's transit + {@code delayMs}; it is discarded when it arrives after that, or
 * more than {@code delayMs} before it (the buffer holds twice its nominal delay, so it would overflow).
 */
public record FixedJitterBuffer(double delayMs) implements JitterBuffer {

    public FixedJitterBuffer {
        if (!(delayMs > 0)) throw new IllegalArgumentException("delayMs must be positive");
    }

    @Override
    public Playout play(StreamTrace trace) {
        boolean[] played = new boolean[trace.packets()];
        double anchor = Double.NaN;
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
            if (Double.isNaN(anchor)) {
                anchor = transit;
            }
            double wait = anchor + delayMs - transit;
            played[i] = wait >= 0 && wait <= 2 * delayMs;
            if (!played[i]) {
                discards++;
            }
        }
        return new Playout(played, discards, delayMs);
    }
}
