package io.callready.agent.groundtruth;

/**
 * The test's own arithmetic on a received/lost sequence, written from the standards and not shared with the
 * production code: G.107 BurstR = 1 / (p + q) from the transition counts, and RFC 3611 Appendix A.2's burst
 * and gap-loss counts (c13, c14) with Gmin = 16.
 */
record LossPattern(int packets, int lost, double burstRatio, long bursts, long gapLosses) {

    static LossPattern of(boolean[] received) {
        int lost = 0;
        int rr = 0;
        int rl = 0;
        int lr = 0;
        int ll = 0;
        for (int i = 0; i < received.length; i++) {
            if (!received[i]) lost++;
            if (i > 0) {
                if (received[i - 1]) {
                    if (received[i]) rr++;
                    else rl++;
                } else {
                    if (received[i]) lr++;
                    else ll++;
                }
            }
        }
        double burstRatio = 1;
        if (lost > 0 && rr + rl > 0 && lr + ll > 0) {
            double p = (double) rl / (rr + rl);
            double q = (double) lr / (lr + ll);
            burstRatio = 1 / (p + q);
        }
        // A.2: a loss after at least Gmin received packets either starts a burst or, when the previous burst
        // held a single loss, is a lone loss inside the gap
        long bursts = 0;
        long gapLosses = 0;
        int runOfReceived = 0;
        int lossesInBurst = 0;
        for (boolean r : received) {
            if (r) {
                runOfReceived++;
                continue;
            }
            if (runOfReceived >= 16) {
                if (lossesInBurst == 1) {
                    gapLosses++;
                } else {
                    bursts++;
                }
                lossesInBurst = 1;
            } else {
                lossesInBurst++;
            }
            runOfReceived = 0;
        }
        return new LossPattern(received.length, lost, burstRatio, bursts, gapLosses);
    }

    double lossRatio() {
        return (double) lost / packets;
    }
}
