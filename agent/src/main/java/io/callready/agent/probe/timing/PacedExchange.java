package io.callready.agent.probe.timing;

import io.callready.wire.net.Libc;
import io.callready.wire.net.EpochClock;
import io.callready.wire.net.TimestampedUdpSocket;
import io.callready.wire.net.TxTimestamps;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * The one thread a paced probe needs, over one connected {@link TimestampedUdpSocket}: it sends packet i at
 * origin + i × step (absolute schedule on {@link System#nanoTime()}, see {@link Pacer}), taking T1 just before the
 * send, and after each send collects the replies that came in meanwhile and the kernel's transmit stamps
 * ({@link TxTimestamps}), which the probe may use as a better T1 ({@link Datagrams#sentByKernel}). T4 is the kernel's arrival time, so
 * replies wait in the socket without the wait entering RTT or jitter, and no second thread has to wake for every
 * reply (on a small machine those wake-ups cost as much CPU as the sends). After the last send the calling thread
 * decides how long to wait for late replies while this thread blocks on the socket; then the socket is shut down.
 * What the packets hold and what a reply means belong to the probe ({@link Datagrams}).
 *
 * <p>T1 and T4 are both read from the wall clock (CLOCK_REALTIME), the clock the kernel stamps arrivals with, so
 * T4 − T1 is one clock's difference. Converting the kernel's stamp to the monotonic scale instead needs the offset
 * between two clocks read one after the other, and a thread preempted between those two reads moved T4 earlier by
 * the preemption, which gave negative round trips under load. A wall-clock step during the exchange would break
 * that difference; the offset between wall and monotonic clock before and after the exchange shows one
 * ({@link Outcome#wallClockStepNanos()}).
 */
public final class PacedExchange {
    private static final int RECEIVE_BUFFER_BYTES = 2048;

    /** The probe's side of the exchange. Every method runs on the exchange thread. */
    public interface Datagrams {
        /** Writes packet {@code index} into {@code out}; {@code t1Nanos} is its send time, wall clock, ns since the epoch. */
        void encode(int index, long t1Nanos, ByteBuffer out);

        /** Packet {@code index} went out at {@code t1Nanos} (wall clock); called just before the send. */
        void sent(int index, long t1Nanos);

        /** The send of packet {@code index} failed after {@link #sent}; it must not count as sent. */
        void notSent(int index);

        /**
         * The kernel's own send time of packet {@code index} (wall clock, from its transmit timestamp), later than the
         * {@link #sent} stamp; may come several packets later, or never where the kernel gives none.
         */
        default void sentByKernel(int index, long kernelT1Nanos) {
        }

        /**
         * A datagram arrived at {@code t4Nanos} (wall clock, the kernel's arrival time) carrying TOS byte {@code tos}
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
     * @param pacingErrorsNanos   |actual − scheduled| send time of each packet sent, monotonic clock
     * @param cpuNanos            CPU time of the exchange thread over the whole run, -1 where the JVM cannot tell
     * @param wallClockStepNanos  how far the wall clock was stepped during the exchange; 0 when it was not
     */
    public record Outcome(boolean portUnreachable, String sendError, String receiveError, long[] pacingErrorsNanos,
                          long cpuNanos, long wallClockStepNanos) {

        /** Why the exchange's timings cannot be used, or null when they can. */
        public String clockStepReason() {
            return wallClockStepNanos == 0 ? null : String.format(Locale.ROOT,
                    "the system clock was stepped by %+.3f ms during the measurement (an NTP/chrony step or a manual "
                            + "change): send and arrival times are not comparable across the step, so no timing was "
                            + "reported; the next run measures again", wallClockStepNanos / 1e6);
        }
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
    private final long[] pacingErrorsNanos;
    /** Packets sent so far; read by the calling thread only after the exchange thread has ended. */
    private int sent;
    private volatile long cpuNanos = -1;
    /** Packet index of each successful send, by the kernel's send number. */
    private final int[] packetOfSend;
    /** Send numbers match packet sends only while no send has failed (a failed send may or may not take a number). */
    private boolean sendNumbersMatch = true;
    private TxTimestamps tx;

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
        this.pacingErrorsNanos = new long[packets];
        this.packetOfSend = new int[packets];
    }

    /** @throws InterruptedException if the calling thread is interrupted; the exchange is stopped first */
    public Outcome run(AfterSending afterSending) throws InterruptedException {
        WallClockOffset before = wallClockOffset();
        Thread exchange = Thread.ofPlatform().name(name).daemon(true).start(this::exchange);
        try {
            sendingDone.await();
            afterSending.run();
        } finally {
            exchange.interrupt();
            socket.shutdown();
            exchange.join();
        }
        long step = before.stepUntil(wallClockOffset());
        return new Outcome(portUnreachable, sendError, receiveError, Arrays.copyOf(pacingErrorsNanos, sent),
                cpuNanos, step);
    }

    private static WallClockOffset wallClockOffset() {
        return WallClockOffset.measure(EpochClock::nowNanos, System::nanoTime);
    }

    private void exchange() {
        try {
            Libc.preciseTimerSlack();
            tx = TxTimestamps.enable(socket);
            try {
                sendAll();
            } finally {
                sendingDone.countDown();
            }
            while (receiveError == null && receive(true)) {
                collectTxStamps();
            }
            collectTxStamps();
        } finally {
            cpuNanos = currentThreadCpuNanos();
        }
    }

    private void sendAll() {
        ByteBuffer out = ByteBuffer.allocateDirect(packetBytes);
        Pacer pacer = new Pacer();
        long origin = System.nanoTime();
        for (int i = 0; i < packets; i++) {
            if (!pacer.awaitUntil(origin + i * stepNanos) || !sendAndCollect(i, origin + i * stepNanos, out)) {
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
    private boolean sendAndCollect(int i, long dueNanos, ByteBuffer out) {
        long sendNanos = System.nanoTime();
        long t1 = EpochClock.nowNanos();
        out.clear();
        datagrams.encode(i, t1, out);
        out.flip();
        datagrams.sent(i, t1);
        try {
            socket.send(out);
            pacingErrorsNanos[sent] = Math.abs(sendNanos - dueNanos);
            packetOfSend[sent] = i;
            sent++;
        } catch (PortUnreachableException e) {
            // Linux reports an earlier ICMP error on this send and drops this datagram
            datagrams.notSent(i);
            portUnreachable = true;
            sendNumbersMatch = false;
        } catch (ClosedChannelException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            datagrams.notSent(i);
            sendError = e.toString();
            sendNumbersMatch = false;
        }
        collectTxStamps();
        while (receiveError == null && receive(false)) {
            // collect every reply that is already in
        }
        return true;
    }

    /**
     * Hands every queued kernel transmit stamp to the probe. Numbers at or beyond the packets sent belong to what the
     * calling thread sends afterwards (stats requests) and are dropped.
     */
    private void collectTxStamps() {
        if (tx == null) {
            return;
        }
        for (TxTimestamps.Stamp s = tx.poll(); s != null; s = tx.poll()) {
            if (sendNumbersMatch && s.sendNumber() < sent) {
                datagrams.sentByKernel(packetOfSend[(int) s.sendNumber()], s.realtimeNanos());
            }
        }
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
        long t4 = d.realtimeNanos() < 0 ? EpochClock.nowNanos() : d.realtimeNanos();
        in.flip();
        try {
            datagrams.received(in, t4, d.tos());
        } catch (RuntimeException e) {
            receiveError = e.toString();
        }
        return true;
    }

    /** CPU time of the calling thread, -1 where the JVM cannot measure it. */
    public static long currentThreadCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : -1;
    }
}
