package io.callready.agent.probe.timing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/**
 * The two threads every paced probe needs, over one connected channel: a sender that sends packet i at
 * origin + i × step (absolute schedule, see {@link Pacer}) and takes T1 just before the send, and a receiver that
 * takes T4 as each datagram arrives. What the packets hold and what a reply means belong to the probe
 * ({@link Datagrams}); after the last send the calling thread waits for late replies, then the channel is closed,
 * which ends the receiver.
 */
public final class PacedExchange {
    private static final int RECEIVE_BUFFER_BYTES = 2048;

    /** The probe's side of the exchange. {@link #received} runs on the receiver thread, the rest on the sender. */
    public interface Datagrams {
        /** Writes packet {@code index} into {@code out}; {@code t1Nanos} is its send time. */
        void encode(int index, long t1Nanos, ByteBuffer out);

        /** Packet {@code index} went out at {@code t1Nanos}; called just before the send. */
        void sent(int index, long t1Nanos);

        /** The send of packet {@code index} failed after {@link #sent}; it must not count as sent. */
        void notSent(int index);

        /** A datagram arrived at {@code t4Nanos}; a datagram that is not a reply is the probe's to ignore. */
        void received(ByteBuffer datagram, long t4Nanos);
    }

    /** What the calling thread does between the last send and the close: wait for late replies, ask for counters. */
    public interface AfterSending {
        void run() throws InterruptedException;
    }

    /**
     * @param portUnreachable     an ICMP port unreachable was reported on the socket
     * @param sendError           the last send failure other than that, or null
     * @param receiveError        why the receiver stopped early, or null
     * @param scheduleOriginNanos when packet 0 was due
     * @param senderCpuNanos      CPU time of the sender thread, -1 where the JVM cannot tell
     * @param receiverCpuNanos    CPU time of the receiver thread, -1 where the JVM cannot tell
     */
    public record Outcome(boolean portUnreachable, String sendError, String receiveError, long scheduleOriginNanos,
                          long senderCpuNanos, long receiverCpuNanos) {
    }

    private final String name;
    private final DatagramChannel channel;
    private final int packets;
    private final long stepNanos;
    private final int packetBytes;
    private final Datagrams datagrams;

    private volatile boolean portUnreachable;
    private volatile String sendError;
    private volatile String receiveError;
    private volatile long scheduleOriginNanos;
    private volatile long senderCpuNanos = -1;
    private volatile long receiverCpuNanos = -1;

    /**
     * @param name        thread name prefix, e.g. {@code rtp-burst}
     * @param packetBytes the largest packet {@link Datagrams#encode} writes
     */
    public PacedExchange(String name, DatagramChannel channel, int packets, long stepNanos, int packetBytes, Datagrams datagrams) {
        this.name = name;
        this.channel = channel;
        this.packets = packets;
        this.stepNanos = stepNanos;
        this.packetBytes = packetBytes;
        this.datagrams = datagrams;
    }

    /** @throws InterruptedException if the calling thread is interrupted; the threads are stopped first */
    public Outcome run(AfterSending afterSending) throws InterruptedException {
        Thread receiver = Thread.ofPlatform().name(name + "-receive").daemon(true).start(this::receiveLoop);
        Thread sender = Thread.ofPlatform().name(name + "-send").daemon(true).start(this::sendLoop);
        try {
            sender.join();
            afterSending.run();
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
        return new Outcome(portUnreachable, sendError, receiveError, scheduleOriginNanos, senderCpuNanos, receiverCpuNanos);
    }

    private void sendLoop() {
        try {
            sendAll();
        } finally {
            senderCpuNanos = currentThreadCpuNanos();
        }
    }

    private void sendAll() {
        ByteBuffer out = ByteBuffer.allocateDirect(packetBytes);
        Pacer pacer = new Pacer();
        long origin = System.nanoTime();
        scheduleOriginNanos = origin;
        for (int i = 0; i < packets; i++) {
            if (!pacer.awaitUntil(origin + i * stepNanos)) {
                return;
            }
            long t1 = System.nanoTime();
            out.clear();
            datagrams.encode(i, t1, out);
            out.flip();
            datagrams.sent(i, t1);
            try {
                channel.write(out);
            } catch (PortUnreachableException e) {
                // Linux reports an earlier ICMP error on this send and drops this datagram
                datagrams.notSent(i);
                portUnreachable = true;
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                datagrams.notSent(i);
                sendError = e.toString();
            }
        }
    }

    private void receiveLoop() {
        try {
            receiveAll();
        } finally {
            receiverCpuNanos = currentThreadCpuNanos();
        }
    }

    private void receiveAll() {
        ByteBuffer in = ByteBuffer.allocateDirect(RECEIVE_BUFFER_BYTES);
        while (channel.isOpen()) {
            in.clear();
            long t4;
            try {
                channel.read(in);
                t4 = System.nanoTime();
            } catch (PortUnreachableException e) {
                portUnreachable = true;
                continue;
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                receiveError = e.toString();
                return;
            }
            in.flip();
            try {
                datagrams.received(in, t4);
            } catch (RuntimeException e) {
                receiveError = e.toString();
            }
        }
    }

    /** CPU time of the calling thread, -1 where the JVM cannot measure it. */
    public static long currentThreadCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : -1;
    }
}
