package io.callready.reflector;

import io.callready.wire.net.EpochClock;
import io.callready.wire.net.TimestampedUdpSocket;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The thread of a reflector service: receives on its socket one datagram at a time, with the kernel's arrival
 * time, and hands each to the service until {@link #close()} shuts the socket down.
 */
public final class ReceiveLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ReceiveLoop.class.getName());
    private static final int BUFFER_BYTES = 4096;

    /** What a service does with each datagram; runs on the loop's thread. */
    public interface Handler {
        /**
         * @param datagram          the datagram, position 0, limit its length
         * @param arrival           what the kernel said about it
         * @param arrivalEpochNanos its arrival time, nanoseconds since the epoch (the kernel's, else now)
         */
        void answer(ByteBuffer datagram, TimestampedUdpSocket.Datagram arrival, long arrivalEpochNanos);
    }

    private final TimestampedUdpSocket socket;
    private final String service;
    private final Thread thread;

    /** @param service names the service in thread names and log messages, e.g. "STAMP reflector" */
    public ReceiveLoop(TimestampedUdpSocket socket, String service, Handler handler) {
        this.socket = socket;
        this.service = service;
        this.thread = Thread.ofPlatform().name("callready-" + service.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'))
                .daemon(true).unstarted(() -> run(handler));
    }

    public void start() {
        thread.start();
    }

    public InetSocketAddress localAddress() {
        try {
            return socket.localAddress();
        } catch (IOException e) {
            throw new IllegalStateException(service + " socket is closed", e);
        }
    }

    /** CPU time the loop's thread has used, or -1 when the JVM cannot measure it. */
    public long cpuTimeNanos() {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.threadId());
    }

    /** Wakes and stops the thread, then closes the socket. */
    @Override
    public void close() {
        socket.shutdown();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
    }

    private void run(Handler handler) {
        ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES);
        while (receiveOne(in, handler)) {
            // one datagram per call: a method the JIT compiles after a few hundred packets, where a loop body
            // would stay interpreted until tens of thousands
        }
    }

    private boolean receiveOne(ByteBuffer in, Handler handler) {
        TimestampedUdpSocket.Datagram arrival;
        try {
            in.clear();
            arrival = socket.receive(in, true);
        } catch (ClosedChannelException e) {
            return false;
        } catch (IOException e) {
            LOG.log(Level.WARNING, service + " receive failed; continuing", e);
            return true;
        }
        if (arrival != null) {
            in.flip();
            handler.answer(in, arrival, arrival.realtimeNanos() < 0 ? EpochClock.nowNanos() : arrival.realtimeNanos());
        }
        return true;
    }
}
