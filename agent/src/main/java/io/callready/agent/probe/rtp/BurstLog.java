package io.callready.agent.probe.rtp;

import io.callready.wire.rtp.ProbePacket;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntUnaryOperator;

/**
 * Everything observed during one burst, in arrays indexed by packet number (no object per packet).
 * The probe's exchange thread writes everything. Read the arrays only after it has finished;
 * {@link #answeredCount()} and {@link #maxRttNanos()} may be read while it runs.
 */
public final class BurstLog {
    public static final long NOT_SENT = Long.MIN_VALUE;

    public final int packets;
    /**
     * T1, agent wall clock (ns since the epoch): the kernel's transmit stamp where it gave one, else read just before
     * the send; {@link #NOT_SENT} for packets never sent.
     */
    final AtomicLongArray sentNanos;
    /** T4 of the first reply, agent wall clock (the kernel's arrival time). */
    final long[] replyNanos;
    /** T2, reflector clock. */
    final long[] reflectorReceiveNanos;
    /** T3 − T2. */
    final long[] holdNanos;
    /**
     * The first reply's stamps are consistent: 0 ≤ T3 − T2 ≤ T4 − T1. Only a clock step on the reflector between T2
     * and T3, or a reflector that stamps T2 and T3 from different clocks, breaks this; such a reply still counts as
     * received, but not in RTT or downstream transit.
     */
    final boolean[] timed;
    /** Replies counted as received whose stamps were inconsistent (see {@link #timed}). */
    long inconsistentTimestamps;
    /** Reply index of the first reply to each packet. */
    final long[] replyIndex;
    final boolean[] answered;
    /** Answered packet numbers in the order their first reply arrived. */
    final int[] arrivalOrder;
    int arrivals;
    /** Reply indices received, for downstream loss. */
    final BitSet replyIndicesSeen = new BitSet();
    long maxReplyIndex;
    /** The same reply (same reply index) received again: duplicated on the way down. */
    long downstreamDuplicates;
    /** A reply whose index is below one already received. */
    long downstreamReordered;
    /** A further reply, with its own index, to an already answered packet: the request was duplicated on the way up. */
    long extraRepliesForDuplicatedRequests;
    /** Replies whose reply index is implausibly large for this burst; ignored. */
    long implausibleReplies;
    final int[] tosSeenCounts = new int[256];
    private final boolean[] kernelStamped;
    private int kernelTxStamps;
    private final boolean[] kernelHeld;
    private int kernelHolds;
    /** TOS bytes the replies arrived with here, as the kernel reported them: shows bleaching on the way down. */
    final int[] tosArrivedCounts = new int[256];

    private volatile int answeredCount;
    private volatile long maxRttNanos;

    public BurstLog(int packets) {
        this.packets = packets;
        this.sentNanos = new AtomicLongArray(packets);
        for (int i = 0; i < packets; i++) {
            sentNanos.set(i, NOT_SENT);
        }
        this.replyNanos = new long[packets];
        this.reflectorReceiveNanos = new long[packets];
        this.holdNanos = new long[packets];
        this.replyIndex = new long[packets];
        this.answered = new boolean[packets];
        this.timed = new boolean[packets];
        this.arrivalOrder = new int[packets];
        this.kernelStamped = new boolean[packets];
        this.kernelHeld = new boolean[packets];
    }

    public void markSent(int index, long t1Nanos) {
        sentNanos.set(index, t1Nanos);
    }

    /**
     * Replaces packet {@code index}'s user-space T1 by the kernel's transmit stamp, which is later and closer to the
     * wire; a stamp earlier than the user-space one (impossible unless the clock stepped) is not taken.
     */
    public void markSentByKernel(int index, long kernelT1Nanos) {
        long t1 = sentNanos.get(index);
        if (t1 != NOT_SENT && kernelT1Nanos >= t1 && !kernelStamped[index]) {
            sentNanos.set(index, kernelT1Nanos);
            kernelStamped[index] = true;
            kernelTxStamps++;
        }
    }

    /**
     * Replaces the user-space hold of each timed reply by T3 − T2 with T3 the kernel's send time from the reflector's
     * arrival record: the record entry whose sequence maps to the packet and whose T2 is the reply's T2 is the arrival
     * that reply answered (a duplicate's copy has its own T2). Both stamps are the reflector's wall clock. A kernel
     * hold that would make the round trip negative (impossible from one clock) is not taken.
     *
     * @param packetOfSequence packet number of a 16-bit sequence; outside 0 … packets − 1 is not this burst's
     */
    void useKernelHolds(List<ProbePacket.Arrival> records, IntUnaryOperator packetOfSequence) {
        for (ProbePacket.Arrival a : records) {
            int i = packetOfSequence.applyAsInt(a.sequence());
            if (a.t3KernelNanos() == 0 || i < 0 || i >= packets || !timed[i] || kernelHeld[i]
                    || a.t2Nanos() != reflectorReceiveNanos[i]) {
                continue;
            }
            long hold = a.t3KernelNanos() - a.t2Nanos();
            long rtt = replyNanos[i] - sentNanos.get(i) - hold;
            if (hold >= 0 && rtt >= 0) {
                holdNanos[i] = hold;
                kernelHeld[i] = true;
                kernelHolds++;
                maxRttNanos = Math.max(maxRttNanos, rtt);
            }
        }
    }

    /** Timed replies whose hold is the reflector kernel's (T3 from its transmit stamp). */
    public int kernelHolds() {
        return kernelHolds;
    }

    /** Packets whose T1 is the kernel's transmit stamp. */
    public int kernelTxStamps() {
        return kernelTxStamps;
    }

    /** T1 of packet {@code index}, or {@link #NOT_SENT}. */
    public long sentNanos(int index) {
        return sentNanos.get(index);
    }

    public boolean wasSent(int index) {
        return sentNanos.get(index) != NOT_SENT;
    }

    /** Counts the TOS byte a reply arrived with; -1 (the kernel did not say) is not counted. */
    public void replyArrivedWithTos(int tos) {
        if (tos >= 0) {
            tosArrivedCounts[tos & 0xFF]++;
        }
    }

    /** Records a reply to packet {@code index} that arrived at {@code t4Nanos}. */
    void recordReply(int index, long t4Nanos, ProbePacket.Reply reply) {
        recordReply(index, t4Nanos, reply.t2Nanos(), reply.holdNanos(), reply.replyIndex(), reply.tosSeen());
    }

    /**
     * Records a reply to packet {@code index} that arrived at {@code t4Nanos}.
     *
     * @param t2Nanos    reflector receive time, reflector clock
     * @param hold       T3 − T2, ns
     * @param replyNumber reply index: the reflector's count of replies in this session, from 1
     * @param tosSeen    TOS byte the reflector saw, or {@link ProbePacket#TOS_UNKNOWN}
     */
    public void recordReply(int index, long t4Nanos, long t2Nanos, long hold, long replyNumber, int tosSeen) {
        long t1 = sentNanos.get(index);
        long idx = replyNumber;
        if (t1 == NOT_SENT || idx < 1 || idx > 4L * packets + 64) {
            implausibleReplies++;
            return;
        }
        if (replyIndicesSeen.get((int) idx)) {
            downstreamDuplicates++;
            return;
        }
        if (idx < maxReplyIndex) {
            downstreamReordered++;
        }
        replyIndicesSeen.set((int) idx);
        maxReplyIndex = Math.max(maxReplyIndex, idx);
        tosSeenCounts[tosSeen & 0xFF]++;
        if (answered[index]) {
            extraRepliesForDuplicatedRequests++;
            return;
        }
        answered[index] = true;
        replyNanos[index] = t4Nanos;
        reflectorReceiveNanos[index] = t2Nanos;
        holdNanos[index] = hold;
        replyIndex[index] = idx;
        arrivalOrder[arrivals++] = index;
        long rtt = t4Nanos - t1 - hold;
        timed[index] = hold >= 0 && rtt >= 0;
        if (!timed[index]) {
            inconsistentTimestamps++;
        } else if (rtt > maxRttNanos) {
            maxRttNanos = rtt;
        }
        answeredCount = answeredCount + 1;
    }

    public int answeredCount() {
        return answeredCount;
    }

    public long maxRttNanos() {
        return maxRttNanos;
    }

    /** Replies whose stamps give an RTT. */
    public int timedCount() {
        int n = 0;
        for (int k = 0; k < arrivals; k++) {
            if (timed[arrivalOrder[k]]) n++;
        }
        return n;
    }

    public int sentCount() {
        int n = 0;
        for (int i = 0; i < packets; i++) {
            if (wasSent(i)) n++;
        }
        return n;
    }

    /** Distinct reply indices received. */
    int uniqueReplies() {
        return replyIndicesSeen.cardinality();
    }

    /** Answered packet numbers ordered by reply index, i.e. in the order the reflector received them. */
    int[] answeredInReflectorOrder() {
        long[] keys = new long[arrivals];
        for (int k = 0; k < arrivals; k++) {
            int i = arrivalOrder[k];
            keys[k] = (replyIndex[i] << 20) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[arrivals];
        for (int k = 0; k < arrivals; k++) {
            order[k] = (int) (keys[k] & 0xFFFFF);
        }
        return order;
    }
}
