package io.callready.agent.quality;

/**
 * RFC 3550 §6.4.1 / A.8 interarrival jitter on nanosecond clocks: transit = arrival − send,
 * D = transit − previous transit, J += (|D| − J) / 16. Feed packets in arrival order; the two clocks may have
 * different origins because only differences of transit times count.
 */
public final class InterarrivalJitter {
    private boolean hasPrevious;
    private long previousTransitNs;
    private double jitterNs;
    private long samples;

    public void add(long sendNs, long arrivalNs) {
        long transit = arrivalNs - sendNs;
        if (hasPrevious) {
            long d = Math.abs(transit - previousTransitNs);
            jitterNs += (d - jitterNs) / 16.0;
        }
        previousTransitNs = transit;
        hasPrevious = true;
        samples++;
    }

    public double jitterMs() {
        return jitterNs / 1_000_000.0;
    }

    /** Packets fed so far; the estimate needs at least two. */
    public long samples() {
        return samples;
    }
}
