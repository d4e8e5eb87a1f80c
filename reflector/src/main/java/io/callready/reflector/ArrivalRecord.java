package io.callready.reflector;

import io.callready.wire.rtp.ProbePacket;

import java.util.Arrays;

/**
 * Every request of one session as it arrived (sequence, TOS seen, T2), duplicates included, in arrival order,
 * for the agent to page through after the burst. Arrays grow on demand up to {@link #MAX_ARRIVALS} (a 2-minute
 * burst at 10 ms plus duplicates), 12 bytes per arrival; beyond that, arrivals are counted but not recorded and
 * the agent, seeing fewer records than arrivals, falls back to its own estimate.
 */
final class ArrivalRecord implements ProbePacket.ArrivalSource {
    static final int MAX_ARRIVALS = 16_384;
    private static final int INITIAL = 64;

    private long[] t2Nanos = new long[INITIAL];
    private int[] sequenceAndTos = new int[INITIAL];
    private int size;

    void add(int sequence, int tosSeen, long t2) {
        if (size == MAX_ARRIVALS) {
            return;
        }
        if (size == t2Nanos.length) {
            int grown = Math.min(MAX_ARRIVALS, size * 2);
            t2Nanos = Arrays.copyOf(t2Nanos, grown);
            sequenceAndTos = Arrays.copyOf(sequenceAndTos, grown);
        }
        t2Nanos[size] = t2;
        sequenceAndTos[size] = (sequence & 0xFFFF) << 8 | (tosSeen & 0xFF);
        size++;
    }

    int size() {
        return size;
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
}
