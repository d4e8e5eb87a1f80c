package io.callready.wire.rtp;

import java.util.Arrays;

/**
 * RTP sequence bookkeeping after RFC 3550 Appendix A.1 (validity, wrap, restart) and A.3 (expected and lost).
 * On top of A.1 it tells duplicates from reordered packets with a bitmap over the 16-bit sequence space.
 * Not thread-safe: feed it from one thread, in arrival order.
 */
public final class SequenceTracker {
    public static final int MAX_DROPOUT = 3000;
    public static final int MAX_MISORDER = 100;
    /** RFC 3550's value for an unknown source; a sender tracking its own stream may use 1. */
    public static final int MIN_SEQUENTIAL_DEFAULT = 2;

    private static final int SEQ_MOD = 1 << 16;

    private final int minSequential;
    private final long[] seen = new long[SEQ_MOD / 64];
    private int probation;
    private int maxSeq;
    private int baseSeq;
    private int badSeq;
    private long cycles;
    private long received;
    private long duplicates;
    private long reordered;
    private long restarts;
    private boolean started;

    public SequenceTracker(int minSequential) {
        if (minSequential < 1) throw new IllegalArgumentException("minSequential must be at least 1");
        this.minSequential = minSequential;
    }

    /**
     * Offers one packet's sequence number.
     *
     * @return true when the packet counts as valid (A.1's return value), false while in probation or on a big jump
     */
    public boolean update(int seq) {
        if (seq < 0 || seq >= SEQ_MOD) throw new IllegalArgumentException("sequence " + seq);
        if (!started) {
            started = true;
            reset(seq);
            maxSeq = (seq - 1) & 0xFFFF;
            probation = minSequential;
        }
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xFFFF)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    reset(seq);
                    markSeen(seq);
                    received++;
                    return true;
                }
            } else {
                probation = minSequential - 1;
                maxSeq = seq;
            }
            return false;
        }
        if (udelta < MAX_DROPOUT) {
            if (udelta == 0) {
                duplicates++;
                received++;
                return true;
            }
            advanceTo(seq);
        } else if (udelta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                restarts++;
                reset(seq);
                markSeen(seq);
                received++;
                return true;
            }
            badSeq = (seq + 1) & 0xFFFF;
            return false;
        } else if (isSeen(seq)) {
            duplicates++;
        } else {
            reordered++;
            markSeen(seq);
        }
        received++;
        return true;
    }

    private void advanceTo(int seq) {
        for (int s = (maxSeq + 1) & 0xFFFF; s != seq; s = (s + 1) & 0xFFFF) {
            clearSeen(s);
        }
        if (seq < maxSeq) {
            cycles += SEQ_MOD;
        }
        maxSeq = seq;
        markSeen(seq);
    }

    private void reset(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        Arrays.fill(seen, 0L);
    }

    private boolean isSeen(int seq) {
        return (seen[seq >>> 6] & (1L << (seq & 63))) != 0;
    }

    private void markSeen(int seq) {
        seen[seq >>> 6] |= 1L << (seq & 63);
    }

    private void clearSeen(int seq) {
        seen[seq >>> 6] &= ~(1L << (seq & 63));
    }

    /** Highest sequence number seen, extended with the wrap count (A.3's {@code cycles + max_seq}). */
    public long extendedMax() {
        return cycles + maxSeq;
    }

    /** A.3: {@code cycles + max_seq − base_seq + 1}; 0 before the first valid packet. */
    public long expected() {
        return received == 0 ? 0 : extendedMax() - baseSeq + 1;
    }

    /** Valid packets including duplicates, as A.1 counts them. */
    public long received() {
        return received;
    }

    /** A.3: expected − received; negative when duplicates outnumber losses. */
    public long lost() {
        return expected() - received;
    }

    /** Losses with duplicates taken out: expected − distinct packets received. Never negative. */
    public long lostDistinct() {
        return Math.max(0, expected() - (received - duplicates));
    }

    public long duplicates() {
        return duplicates;
    }

    /** Packets that arrived after a higher sequence number (within MAX_MISORDER). */
    public long reordered() {
        return reordered;
    }

    /** How often the source was re-synchronised after two sequential packets far from the expected range. */
    public long restarts() {
        return restarts;
    }
}
