package io.callready.reflector;

import io.callready.wire.rtp.ProbePacket;
import io.callready.wire.rtp.SequenceTracker;

/**
 * What the reflector knows about one sender's stream: RFC 3550 A.1 sequence bookkeeping (wrap, duplicates,
 * reordering, restarts), every request's arrival ({@link ArrivalRecord}) and how many replies it sent. A CallReady sender's first packet is valid, so there is
 * no probation: the agent counts upstream loss against every packet it sent.
 */
final class UpstreamSession {
    private final SequenceTracker sequence = new SequenceTracker(1);
    private final ArrivalRecord arrivals;
    private long repliesSent;
    long lastSeenNanos;

    UpstreamSession(ArrivalBudget budget) {
        this.arrivals = new ArrivalRecord(budget);
    }

    /** Records an arriving request with 16-bit sequence {@code seq}, its arrival time T2 and the TOS byte it had. */
    /** @return the arrival's position in {@link #arrivals()}, or -1 when it was not recorded */
    int onRequest(int seq, long nowNanos, long t2Nanos, int tosSeen) {
        lastSeenNanos = nowNanos;
        sequence.update(seq);
        return arrivals.add(seq, tosSeen, t2Nanos);
    }

    ArrivalRecord arrivals() {
        return arrivals;
    }

    long nextReplyIndex() {
        return ++repliesSent;
    }

    /** Counters for the stats reply; {@code received} counts distinct packets, duplicates apart. */
    ProbePacket.SessionStats stats() {
        return new ProbePacket.SessionStats(sequence.received() - sequence.duplicates(), sequence.duplicates(),
                sequence.reordered(), repliesSent, sequence.extendedMax());
    }
}
