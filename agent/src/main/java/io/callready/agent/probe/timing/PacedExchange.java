package io.callready.agent.probe.timing;

import io.callready.wire.net.Libc;
import io.callready.wire.net.EpochClock;
import io.callready.wire.net.TimestampedUdpSocket;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CountDownLatch;

/**
 * The one thread a paced probe needs, over one connected {@link TimestampedUdpSocket}: it sends packet i at
 * origin + i × step (absolute schedule, see {@link Pacer}), taking T1 just before the send, and after each send
 * collects the replies that came in meanwhile. T4 is the kernel's arrival time, so replies wait in the socket
 * without the wait entering RTT or jitter, and no second thread has to wake for every reply (on a small
 * machine those wake-ups cost as much CPU as the sends). After the last send the calling thread decides how
 * long to wait for late replies while this thread blocks on the socket; then the socket is shut down. What the
 * packets hold and what a reply means belong to the probe ({@link Datagrams}).
 */
public final class PacedExchange {
    private static final int RECEIVE_BUFFER_BYTES = 2048;

    /** The probe's side of the exchange. Every method runs on the exchange thread. */
    public interface Datagrams {
        /** Writes packet {@code index} into {@code out}; {@code t1Nanos} is its send time. */
        void encode(int index, long t1Nanos, ByteBuffer out);

        /** Packet {@code index} went out at {@code t1Nanos}; called just before the send. */
        void sent(int index, long t1Nanos);

        /** The send of packet {@code index} failed after {@link #sent}; it must not count as sent. */
        void notSent(int index);

        /**
         * A datagram arrived at {@code t4Nanos} ({@link System#nanoTime()} scale) carrying TOS byte {@code tos}
         * (-1 when unknown); one that is not a reply is the probe's to ignore.
         */
        void received(ByteBuffer datagram, long t4Nanos, int tos);
    }

    /** What the calling thread does between the last send and the shutdown: wait for late replies, ask for counters. */
    public interface AfterSending {
        void run() throws InterruptedException;
    }

    /**
     * @param portUnreachable     an ICMP port unreachable was reported on the socket
     * @param sendError           the last send failure other than that, or null
     * @param receiveError        why receiving stopped early, or null
     * @param scheduleOriginNanos when packet 0 was due
     * @param cpuNanos            CPU time of the exchange thread over the whole run, -1 where the JVM cannot tell
     */
    public record Outcome(boolean portUnreachable, String sendError, String receiveError, long scheduleOriginNanos,
                          long cpuNanos) {
    }

    private final String name;
    private final TimestampedUdpSocket socket;
    private final int packets;
    private final long stepNanos;
    private final int packetBytes;
    private final Datagrams datagrams;
    private final CountDownLatch sendingDone = new CountDownLatch(1);
    private final ByteBuffer in = ByteBuffer.allocateDirect(RECEIVE_BUFFER_BYTES);

    private volatile boolean portUnreachable;
    private volatile String sendError;
    private volatile String receiveError;
    private volatile long scheduleOriginNanos;
    private volatile long cpuNanos = -1;

    /**
     * @param name        thread name, e.g. {@code rtp-burst}
     * @param packetBytes the largest packet {@link Datagrams#encode} writes
     */
    public PacedExchange(String name, TimestampedUdpSocket socket, int packets, long stepNanos, int packetBytes, Datagrams datagrams) {
        this.name = name;
        this.socket = socket;
        this.packets = packets;
        this.stepNanos = stepNanos;
        this.packetBytes = packetBytes;
        this.datagrams = datagrams;
    }

    /** @throws InterruptedException if the calling thread is interrupted; the exchange is stopped first */
    public Outcome run(AfterSending afterSending) throws InterruptedException {
        Thread exchange = Thread.ofPlatform().name(name).daemon(true).start(this::exchange);
        try {
            sendingDone.await();
            afterSending.run();
        } finally {
            exchange.interrupt();
            socket.shutdown();
            exchange.join();
        }
        return new Outcome(portUnreachable, sendError, receiveError, scheduleOriginNanos, cpuNanos);
    }

    private void exchange() {
        try {
            Libc.preciseTimerSlack();
            try {
                sendAll();
            } finally {
                sendingDone.countDown();
            }
            while (receiveError == null && receive(true)) {
                // each call delivers one late reply
            }
        } finally {
            cpuNanos = currentThreadCpuNanos();
        }
    }

    private void sendAll() {
        ByteBuffer out = ByteBuffer.allocateDirect(packetBytes);
        Pacer pacer = new Pacer();
        long origin = System.nanoTime();
        scheduleOriginNanos = origin;
        for (int i = 0; i < packets; i++) {
            if (!pacer.awaitUntil(origin + i * stepNanos) || !sendAndCollect(i, out)) {
                return;
            }
        }
    }

    /**
     * Sends packet {@code i} now, then takes every reply already in. A method of its own so the JIT compiles it
     * after a few hundred packets; a loop body would stay interpreted for tens of thousands.
     *
     * @return false when the socket has been shut down
     */
    private boolean sendAndCollect(int i, ByteBuffer out) {
        long t1 = System.nanoTime();
        out.clear();
        datagrams.encode(i, t1, out);
        out.flip();
        datagrams.sent(i, t1);
        try {
            socket.send(out);
        } catch (PortUnreachableException e) {
            // Linux reports an earlier ICMP error on this send and drops this datagram
            datagrams.notSent(i);
            portUnreachable = true;
        } catch (ClosedChannelException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            datagrams.notSent(i);
            sendError = e.toString();
        }
        while (receiveError == null && receive(false)) {
            // collect every reply that is already in
        }
        return true;
    }

    /** Receives and delivers one datagram; false when there was none to take (or the socket is shut). */
    private boolean receive(boolean wait) {
        in.clear();
        TimestampedUdpSocket.Datagram d;
        try {
            d = socket.receive(in, wait);
        } catch (PortUnreachableException e) {
            portUnreachable = true;
            return true;
        } catch (ClosedChannelException e) {
            return false;
        } catch (IOException e) {
            receiveError = e.toString();
            return false;
        }
        if (d == null) {
            return false;
        }
        long t4 = monotonicArrival(d.realtimeNanos(), System.nanoTime(), EpochClock.nowNanos());
        in.flip();
        try {
            datagrams.received(in, t4, d.tos());
        } catch (RuntimeException e) {
            receiveError = e.toString();
        }
        return true;
    }

    /**
     * Moves a kernel arrival time (wall clock) onto the {@link System#nanoTime()} scale with the offset between the
     * two clocks read now, moments after the arrival, so a wall-clock slew or step cannot bend a burst's timeline.
     * Never later than now; now itself when the kernel gave no time.
     */
    static long monotonicArrival(long kernelEpochNanos, long monotonicNow, long epochNow) {
        if (kernelEpochNanos < 0) {
            return monotonicNow;
        }
        return Math.min(monotonicNow, monotonicNow - (epochNow - kernelEpochNanos));
    }

    /** CPU time of the calling thread, -1 where the JVM cannot measure it. */
    public static long currentThreadCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : -1;
    }
}
