package io.callready.agent.probe.rtp;

import io.callready.wire.rtp.ProbePacket;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The reflector's own record of which requests reached it, when (T2, reflector wall clock) and with which TOS
 * byte, indexed by packet number: what decides upstream loss pattern and jitter, whether or not a request's reply
 * came back. Only a request's first arrival counts (a duplicate's copy is not a second packet).
 */
final class ReflectorArrivals {
    final boolean[] arrived;
    final long[] t2Nanos;
    /** Packet numbers in the order they first reached the reflector. */
    final int[] order;
    final int count;
    final int[] tosCounts = new int[256];

    private ReflectorArrivals(boolean[] arrived, long[] t2Nanos, int[] order, int count) {
        this.arrived = arrived;
        this.t2Nanos = t2Nanos;
        this.order = order;
        this.count = count;
    }

    /**
     * @param records         the reflector's records in arrival order
     * @param packetOfSequence packet number of a 16-bit sequence; a result outside 0 … packets − 1 is not this burst's
     */
    static ReflectorArrivals of(int packets, List<ProbePacket.Arrival> records, IntUnaryOperator packetOfSequence) {
        boolean[] arrived = new boolean[packets];
        long[] t2 = new long[packets];
        int[] order = new int[packets];
        int n = 0;
        int[] tos = new int[256];
        for (ProbePacket.Arrival a : records) {
            int i = packetOfSequence.applyAsInt(a.sequence());
            if (i < 0 || i >= packets || arrived[i]) {
                continue;
            }
            arrived[i] = true;
            t2[i] = a.t2Nanos();
            order[n++] = i;
            tos[a.tosSeen() & 0xFF]++;
        }
        ReflectorArrivals r = new ReflectorArrivals(arrived, t2, Arrays.copyOf(order, n), n);
        System.arraycopy(tos, 0, r.tosCounts, 0, 256);
        return r;
    }
}
