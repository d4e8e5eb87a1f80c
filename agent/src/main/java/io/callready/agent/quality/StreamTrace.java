package io.callready.agent.quality;

/**
 * One direction of a packet stream as its receiver saw it, in send order.
 *
 * @param received  per packet: it arrived (at least once)
 * @param transitMs per packet: arrival minus send time of its first copy, on two clocks whose offset does not
 *                  matter (only differences are used); NaN for a lost packet, and for an arrived packet whose
 *                  timing the probe could not observe (such a packet is treated as played in time)
 */
public record StreamTrace(boolean[] received, double[] transitMs) {
    public StreamTrace {
        if (received.length != transitMs.length) {
            throw new IllegalArgumentException("received and transitMs differ in length");
        }
    }

    public int packets() {
        return received.length;
    }

    boolean timed(int i) {
        return received[i] && !Double.isNaN(transitMs[i]);
    }
}
