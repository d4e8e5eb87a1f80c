package io.callready.reflector;

import io.callready.wire.rtp.ProbePacket;

/**
 * What the reflector knows about one sender's stream: unique arrivals, duplicates and reordering, tracked on a
 * 32-bit extended sequence number, and how many replies it sent. The duplicate window covers the last
 * {@value #WINDOW} sequence numbers; a packet older than that is counted as reordered and received.
 */
final class UpstreamSession {
    static final int WINDOW = 1024;

    private final long[] seen = new long[WINDOW / 64];
    private long highestExt = -1;
    private long received;
    private long duplicates;
    private long reordered;
    private long repliesSent;
    long lastSeenNanos;

    /** Records an arriving request with 16-bit sequence {@code seq}. */
    void onRequest(int seq, long nowNanos) {
        lastSeenNanos = nowNanos;
        if (highestExt < 0) {
            highestExt = seq;
            mark(seq);
            received++;
            return;
        }
        long ext = highestExt + (short) (seq - (int) (highestExt & 0xFFFF));
        if (ext > highestExt) {
            for (long s = Math.max(highestExt + 1, ext - WINDOW + 1); s <= ext; s++) {
                clear(s);
            }
            highestExt = ext;
            mark(ext);
            received++;
        } else if (ext <= highestExt - WINDOW) {
            reordered++;
            received++;
        } else if (isMarked(ext)) {
            duplicates++;
        } else {
            mark(ext);
            reordered++;
            received++;
        }
    }

    long nextReplyIndex() {
        return ++repliesSent;
    }

    ProbePacket.SessionStats stats() {
        return new ProbePacket.SessionStats(received, duplicates, reordered, repliesSent, Math.max(highestExt, 0));
    }

    private void mark(long ext) {
        int bit = (int) Math.floorMod(ext, WINDOW);
        seen[bit >>> 6] |= 1L << (bit & 63);
    }

    private void clear(long ext) {
        int bit = (int) Math.floorMod(ext, WINDOW);
        seen[bit >>> 6] &= ~(1L << (bit & 63));
    }

    private boolean isMarked(long ext) {
        int bit = (int) Math.floorMod(ext, WINDOW);
        return (seen[bit >>> 6] & (1L << (bit & 63))) != 0;
    }
}
