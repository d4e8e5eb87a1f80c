package io.callready.agent.probe.echo;

import io.callready.agent.probe.timing.PacedExchange;
import io.callready.wire.net.TimestampedUdpSocket;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One paced run against an RFC 862 echo service over a {@link PacedExchange}: send times, first-echo times in
 * arrival order, duplicates.
 */
final class EchoSession implements PacedExchange.Datagrams {
    static final long NOT_SEEN = Long.MIN_VALUE;
    private static final long MIN_LINGER_NANOS = 1_000_000_000L;
    private static final long MAX_LINGER_NANOS = 3_000_000_000L;

    private final TimestampedUdpSocket socket;
    private final int packets;
    private final long stepNanos;
    final AtomicLongArray sentNanos;
    final long[] echoNanos;
    final int[] arrivalOrder;
    volatile int arrivals;
    long duplicates;
    long foreign;
    boolean portUnreachable;
    /** Why the run's timings cannot be used (the wall clock was stepped), or null. */
    String clockStepReason;
    private volatile long maxRttNanos;

    EchoSession(TimestampedUdpSocket socket, int packets, long stepNanos) {
        this.socket = socket;
        this.packets = packets;
        this.stepNanos = stepNanos;
        this.sentNanos = new AtomicLongArray(packets);
        this.echoNanos = new long[packets];
        Arrays.fill(echoNanos, NOT_SEEN);
        this.arrivalOrder = new int[packets];
        for (int i = 0; i < packets; i++) {
            sentNanos.set(i, NOT_SEEN);
        }
    }

    void run() throws InterruptedException {
        PacedExchange.Outcome o = new PacedExchange("echo", socket, packets, stepNanos, EchoPayload.LENGTH, this).run(() -> {
            long start = System.nanoTime();
            while (arrivals < sentCount()
                    && System.nanoTime() - start < Math.clamp(3 * maxRttNanos, MIN_LINGER_NANOS, MAX_LINGER_NANOS)) {
                Thread.sleep(5);
            }
        });
        portUnreachable = o.portUnreachable();
        clockStepReason = o.clockStepReason();
    }

    int sentCount() {
        int n = 0;
        for (int i = 0; i < packets; i++) {
            if (sentNanos.get(i) != NOT_SEEN) n++;
        }
        return n;
    }

    @Override
    public void encode(int index, long t1Nanos, ByteBuffer out) {
        EchoPayload.encode(out, index, t1Nanos);
    }

    @Override
    public void sent(int index, long t1Nanos) {
        sentNanos.set(index, t1Nanos);
    }

    @Override
    public void notSent(int index) {
        sentNanos.set(index, NOT_SEEN);
    }

    @Override
    public void received(ByteBuffer datagram, long t4, int tos) {
        int seq = EchoPayload.sequence(datagram);
        // an echo pairs with the packet whose send time it carries: a late echo of an earlier run from the same port
        // has the same numbers but another send time
        if (seq < 0 || seq >= packets || sentNanos.get(seq) == NOT_SEEN || EchoPayload.sentNanos(datagram) != sentNanos.get(seq)) {
            foreign++;
        } else if (echoNanos[seq] != NOT_SEEN) {
            duplicates++;
        } else {
            echoNanos[seq] = t4;
            arrivalOrder[arrivals] = seq;
            maxRttNanos = Math.max(maxRttNanos, t4 - sentNanos.get(seq));
            arrivals = arrivals + 1;
        }
    }
}
