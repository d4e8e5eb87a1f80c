package io.callready.agent.quality;

/**
 * Loss pattern of one packet stream, fed in send order (received or lost per packet).
 *
 * <p>Two models come out of the same sequence:
 * <ul>
 * <li>The 2-state Markov (Gilbert) model of G.107 §7.5: p = P(loss | previous received),
 *     q = P(received | previous lost), BurstR = 1 / (p + q). BurstR is 1 (random loss) when there was no loss,
 *     and also when the model is undefined: no packet received (p has no sample) or no loss run that ended
 *     (q has no sample, e.g. only the last packet lost). BurstR above 1 means losses cluster.</li>
 * <li>The RFC 3611 §4.7.2 / Appendix A.2 burst/gap state counts with Gmin = 16, see {@link BurstGap}.</li>
 * </ul>
 */
public final class LossRuns {
    /** RFC 3611's recommended gap threshold: a burst ends after this many received packets in a row. */
    public static final int GMIN = 16;

    private long received;
    private long lost;
    private boolean hasPrevious;
    private boolean previousReceived;
    private long receivedThenReceived;
    private long receivedThenLost;
    private long lostThenReceived;
    private long lostThenLost;

    private long pkt;
    private long lostInBurst;
    private long c11;
    private long c13;
    private long c14;
    private long c22;
    private long c23;
    private long c33;

    public void add(boolean packetReceived) {
        if (hasPrevious) {
            if (previousReceived) {
                if (packetReceived) receivedThenReceived++;
                else receivedThenLost++;
            } else {
                if (packetReceived) lostThenReceived++;
                else lostThenLost++;
            }
        }
        hasPrevious = true;
        previousReceived = packetReceived;
        if (packetReceived) {
            received++;
            pkt++;
        } else {
            lost++;
            countRfc3611Loss();
        }
    }

    private void countRfc3611Loss() {
        if (pkt >= GMIN) {
            if (lostInBurst == 1) {
                c14++;
            } else {
                c13++;
                lostInBurst = 1;
            }
            c11 += pkt;
        } else {
            lostInBurst++;
            if (pkt == 0) {
                c33++;
            } else {
                c23++;
                c22 += pkt - 1;
            }
        }
        pkt = 0;
    }

    public long packets() {
        return received + lost;
    }

    public long lost() {
        return lost;
    }

    public double lossRatio() {
        return packets() == 0 ? 0.0 : (double) lost / packets();
    }

    /** p = P(loss | previous received); NaN without a received packet followed by another packet. */
    public double lossAfterReceived() {
        long n = receivedThenReceived + receivedThenLost;
        return n == 0 ? Double.NaN : (double) receivedThenLost / n;
    }

    /** q = P(received | previous lost); NaN without a lost packet followed by another packet. */
    public double receivedAfterLoss() {
        long n = lostThenReceived + lostThenLost;
        return n == 0 ? Double.NaN : (double) lostThenReceived / n;
    }

    /** G.107 BurstR = 1 / (p + q); 1 when there is no loss or the model is undefined (see class doc). */
    public double burstRatio() {
        double p = lossAfterReceived();
        double q = receivedAfterLoss();
        if (lost == 0 || Double.isNaN(p) || Double.isNaN(q) || p + q <= 0) {
            return 1.0;
        }
        return 1.0 / (p + q);
    }

    /** RFC 3611 burst/gap summary; {@code msPerPacket} converts packet counts to durations. */
    public BurstGap burstGap(double msPerPacket) {
        if (lost == 0) {
            return new BurstGap(0, 0, 0.0, 0.0, 0.0, 0.0);
        }
        long c31 = c13;
        long c32 = c23;
        long gapTransitions = c11 + c13 + c14;
        long burstReceived = c22 + c23;
        long burstLost = c31 + c32 + c33;
        long total = gapTransitions + burstReceived + burstLost;
        double p23 = c22 <= 0 ? 1.0 : 1.0 - (double) c22 / burstReceived;
        double p32 = c32 <= 0 ? 0.0 : (double) c32 / burstLost;
        double burstDensity = p23 <= 0 ? 0.0 : p23 / (p23 + p32);
        double gapDensity = c14 <= 0 ? 0.0 : (double) c14 / (c11 + c14);
        double gapDurationMs = c13 <= 0 ? 0.0 : gapTransitions * msPerPacket / c13;
        double burstDurationMs = c13 <= 0 ? 0.0 : total * msPerPacket / c13 - gapDurationMs;
        return new BurstGap(c13, c14, burstDensity, gapDensity, burstDurationMs, gapDurationMs);
    }

    /**
     * RFC 3611 §4.7.2 burst metrics with densities as fractions (the XR block carries them ×256).
     *
     * @param bursts          bursts started, i.e. losses after at least Gmin received packets (c13)
     * @param gapLosses       isolated losses inside gaps (c14): a loss after at least Gmin received packets that
     *                        follows a burst of a single loss
     * @param burstDensity    fraction of packets within bursts that were lost
     * @param gapDensity      fraction of packets within gaps that were lost
     * @param burstDurationMs mean burst length
     * @param gapDurationMs   mean gap length (a gap still running at the end is not counted, as in A.2)
     */
    public record BurstGap(long bursts, long gapLosses, double burstDensity, double gapDensity, double burstDurationMs, double gapDurationMs) {
    }
}
