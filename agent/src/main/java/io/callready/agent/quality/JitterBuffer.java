package io.callready.agent.quality;

import io.callready.wire.plan.JitterBufferSpec;

/**
 * A simulated receiving phone's jitter buffer: decides, packet by packet in send order, which arrived packets
 * would have been played and which came too late (or, for a fixed buffer, too early to fit) and were discarded.
 */
public sealed interface JitterBuffer permits FixedJitterBuffer, AdaptiveJitterBuffer {

    Playout play(StreamTrace trace);

    /**
     * @param played       per packet: arrived and played in time
     * @param discards     arrived but discarded by the buffer
     * @param meanDelayMs  playout delay the buffer added, on average: the jitter-buffer part of mouth-to-ear delay
     */
    record Playout(boolean[] played, int discards, double meanDelayMs) {
    }

    /** An adaptive buffer never goes below two frames (and 20 ms), as phones keep at least that much in hand. */
    static JitterBuffer of(JitterBufferSpec spec, int ptimeMs) {
        return switch (spec.mode()) {
            case FIXED -> new FixedJitterBuffer(spec.ms());
            case ADAPTIVE -> new AdaptiveJitterBuffer(Math.min(Math.max(2 * ptimeMs, 20), spec.ms()), spec.ms());
        };
    }
}
