package io.callready.agent.probe.echo;

import io.callready.agent.probe.timing.Pacer;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/** One paced run against an RFC 862 echo service: send times, first-echo times in arrival order, duplicates. */
final class EchoSession {
    static final long NOT_SEEN = Long.MIN_VALUE;
    private static final long MIN_LINGER_NANOS = 1_000_000_000L;
    private static final long MAX_LINGER_NANOS = 3_000_000_000L;

    private final DatagramChannel channel;
    private final int packets;
    private final long stepNanos;
    final AtomicLongArray sentNanos;
    final long[] echoNanos;
    final int[] arrivalOrder;
    volatile int arrivals;
    long duplicates;
    long foreign;
    volatile boolean portUnreachable;
    private volatile long maxRttNanos;

    EchoSession(DatagramChannel channel, int packets, long stepNanos) {
        this.channel = channel;
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
        Thread receiver = Thread.ofPlatform().name("echo-receive").daemon(true).start(this::receiveLoop);
        Thread sender = Thread.ofPlatform().name("echo-send").daemon(true).start(this::sendLoop);
        try {
            sender.join();
            long start = System.nanoTime();
            while (arrivals < sentCount()
                    && System.nanoTime() - start < Math.clamp(3 * maxRttNanos, MIN_LINGER_NANOS, MAX_LINGER_NANOS)) {
                Thread.sleep(5);
            }
        } finally {
            sender.interrupt();
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do with a socket that will not close
            }
            sender.join();
            receiver.join();
        }
    }

    int sentCount() {
        int n = 0;
        for (int i = 0; i < packets; i++) {
            if (sentNanos.get(i) != NOT_SEEN) n++;
        }
        return n;
    }

    private void sendLoop() {
        ByteBuffer out = ByteBuffer.allocateDirect(EchoPayload.LENGTH);
        Pacer pacer = new Pacer();
        long origin = System.nanoTime();
        for (int i = 0; i < packets; i++) {
            if (!pacer.awaitUntil(origin + i * stepNanos)) {
                return;
            }
            long t1 = System.nanoTime();
            out.clear();
            EchoPayload.encode(out, i, t1);
            out.flip();
            sentNanos.set(i, t1);
            try {
                channel.write(out);
            } catch (PortUnreachableException e) {
                sentNanos.set(i, NOT_SEEN);
                portUnreachable = true;
            } catch (IOException e) {
                sentNanos.set(i, NOT_SEEN);
                if (!channel.isOpen()) return;
            }
        }
    }

    private void receiveLoop() {
        ByteBuffer in = ByteBuffer.allocateDirect(2048);
        while (channel.isOpen()) {
            in.clear();
            long t4;
            try {
                channel.read(in);
                t4 = System.nanoTime();
            } catch (PortUnreachableException e) {
                portUnreachable = true;
                continue;
            } catch (IOException e) {
                return;
            }
            in.flip();
            int seq = EchoPayload.sequence(in);
            if (seq < 0 || seq >= packets || sentNanos.get(seq) == NOT_SEEN) {
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
}
