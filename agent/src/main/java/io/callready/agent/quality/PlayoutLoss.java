package io.callready.agent.quality;

/**
 * What one direction's receiver would lose: network loss plus jitter-buffer discards, with the loss pattern's
 * BurstR and RFC 3611 burst/gap counts taken over that effective pattern (RFC 3611 §4.7 counts discards as losses).
 *
 * @param packets       packets the sender sent in this direction
 * @param lost          packets that never arrived
 * @param discards      packets that arrived but missed their playout time
 * @param bufferDelayMs mean delay the jitter buffer added
 */
public record PlayoutLoss(long packets, long lost, int discards, double bufferDelayMs, LossRuns runs) {

    public static PlayoutLoss of(StreamTrace trace, JitterBuffer buffer) {
        JitterBuffer.Playout playout = buffer.play(trace);
        LossRuns runs = new LossRuns();
        long lost = 0;
        for (int i = 0; i < trace.packets(); i++) {
            runs.add(playout.played()[i]);
            if (!trace.received()[i]) {
                lost++;
            }
        }
        return new PlayoutLoss(trace.packets(), lost, playout.discards(), playout.meanDelayMs(), runs);
    }

    /** Ppl as a fraction: (lost + discarded) / sent. */
    public double effectiveLossRatio() {
        return runs.lossRatio();
    }

    public double burstRatio() {
        return runs.burstRatio();
    }
}
