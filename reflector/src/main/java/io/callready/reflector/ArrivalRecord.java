package io.callready.reflector;

import io.callready.wire.rtp.ProbePacket;

import java.util.Arrays;

/**
 * Every request of one session as it arrived (sequence, TOS seen, T2, and the kernel's send time T3 of the reply it
 * got, 0 until the kernel gives it), duplicates included, in arrival order, for the agent to page through after the
 * burst. Arrays grow on demand up to {@link #MAX_ARRIVALS} (a 2-minute burst at 10 ms plus duplicates), 20 bytes per
 * arrival, and only as far as the shared {@link ArrivalBudget}
 * allows; beyond that, arrivals are counted but not recorded and the agent, seeing fewer records than arrivals,
 * falls back to its own estimate.
 */
final class ArrivalRecord implements ProbePacket.ArrivalSource {
    static final int MAX_ARRIVALS = 16_384;
    private static final int INITIAL = 64;

    private final ArrivalBudget budget;
    private long[] t2Nanos = new long[0];
    private long[] t3KernelNanos = new long[0];
    private int[] sequenceAndTos = new int[0];
    private int size;

    ArrivalRecord(ArrivalBudget budget) {
        this.budget = budget;
    }

    /** @return the arrival's position in the record, or -1 when it was counted but not recorded */
    int add(int sequence, int tosSeen, long t2) {
        if (size == t2Nanos.length) {
            int grown = Math.min(MAX_ARRIVALS, Math.max(INITIAL, size * 2));
            if (grown == size || !budget.take(grown - size)) {
                return -1;
            }
            t2Nanos = Arrays.copyOf(t2Nanos, grown);
            t3KernelNanos = Arrays.copyOf(t3KernelNanos, grown);
            sequenceAndTos = Arrays.copyOf(sequenceAndTos, grown);
        }
        t2Nanos[size] = t2;
        sequenceAndTos[size] = (sequence & 0xFFFF) << 8 | (tosSeen & 0xFF);
        return size++;
    }

    /**
     * The kernel's send time of the reply to arrival {@code k}; ignored for an arrival no longer held, or a stamp
     * before its T2 (not possible from one clock, so it is not this reply's).
     */
    void kernelSent(int k, long t3Nanos) {
        if (k >= 0 && k < size && t3Nanos >= t2Nanos[k]) {
            t3KernelNanos[k] = t3Nanos;
        }
    }

    int size() {
        return size;
    }

    /** Gives the record's room back to the budget; the session is gone. */
    void release() {
        budget.release(t2Nanos.length);
        t2Nanos = new long[0];
        t3KernelNanos = new long[0];
        sequenceAndTos = new int[0];
        size = 0;
    }

    @Override
    public int sequence(int k) {
        return sequenceAndTos[k] >>> 8;
    }

    @Override
    public int tosSeen(int k) {
        return sequenceAndTos[k] & 0xFF;
    }

    @Override
    public long t2Nanos(int k) {
        return t2Nanos[k];
    }

    @Override
    public long t3KernelNanos(int k) {
        return t3KernelNanos[k];
    }
}
