package io.callready.reflector;

import io.callready.wire.net.TimestampedUdpSocket;
import io.callready.wire.net.TxTimestamps;

/**
 * The kernel's send time T3 of each echo reply, stored in the arrival record entry of the request it answered.
 * Every send on the socket gets the kernel's next number (OPT_ID), stats and arrivals replies too, so every send
 * is counted here; the stamps of echo replies are matched back by number. A stamp can be queued a little after
 * its send returns, so the queue is read after each send and before each datagram is handled. A failed send may
 * or may not have used a number: numbering restarts from 0 and the unstamped replies keep T3 = 0 (the agent then
 * uses the user-space hold in the reply). Single-threaded: the receive loop's thread sends and reads.
 */
final class ReplySendStamps {
    /** Echo replies awaiting their stamp; an older one is forgotten (its T3 stays 0). */
    private static final int PENDING = 1024;

    private TxTimestamps stamps;
    private long nextNumber;
    private final long[] pendingNumber = new long[PENDING];
    private final ArrivalRecord[] pendingRecord = new ArrivalRecord[PENDING];
    private final int[] pendingArrival = new int[PENDING];

    /** When the kernel refuses transmit stamps, nothing is stamped and every T3 stays the user-space one. */
    static ReplySendStamps enable(TimestampedUdpSocket socket) {
        return new ReplySendStamps(TxTimestamps.enable(socket));
    }

    private ReplySendStamps(TxTimestamps stamps) {
        this.stamps = stamps;
        java.util.Arrays.fill(pendingNumber, -1);
    }

    boolean enabled() {
        return stamps != null;
    }

    /** A send succeeded; {@code record} and {@code arrival} name the request it answered (null / -1 for none). */
    void sent(ArrivalRecord record, int arrival) {
        long number = nextNumber++ & 0xFFFF_FFFFL; // the kernel's number is 32 bits
        if (stamps == null) {
            return;
        }
        if (record != null && arrival >= 0) {
            int slot = (int) (number % PENDING);
            pendingNumber[slot] = number;
            pendingRecord[slot] = record;
            pendingArrival[slot] = arrival;
        }
        collect();
    }

    /** A send failed: whether it used a kernel number is unknown, so numbering starts again. */
    void failed() {
        if (stamps == null) {
            return;
        }
        java.util.Arrays.fill(pendingNumber, -1);
        java.util.Arrays.fill(pendingRecord, null);
        nextNumber = 0;
        if (!stamps.restartNumbering()) {
            stamps = null;
        }
    }

    /** Stores every queued stamp in the record entry its reply answered. */
    void collect() {
        if (stamps == null) {
            return;
        }
        for (TxTimestamps.Stamp s = stamps.poll(); s != null; s = stamps.poll()) {
            int slot = (int) (s.sendNumber() % PENDING);
            if (pendingNumber[slot] == s.sendNumber()) {
                pendingRecord[slot].kernelSent(pendingArrival[slot], s.realtimeNanos());
                pendingNumber[slot] = -1;
                pendingRecord[slot] = null;
            }
        }
    }
}
