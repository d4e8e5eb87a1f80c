package io.callready.reflector;

import io.callready.wire.net.EpochClock;
import io.callready.wire.net.TimestampedUdpSocket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The receive loop of a reflector service: one thread, one datagram per call, until the socket is shut down. */
public final class ReceiveLoop {
    private static final Logger LOG = Logger.getLogger(ReceiveLoop.class.getName());
    private static final int BUFFER_BYTES = 4096;

    /** What a service does with each datagram. */
    public interface Handler {
        /**
         * @param datagram           the datagram, position 0, limit its length
         * @param arrival            what the kernel said about it
         * @param arrivalEpochNanos  its arrival time, nanoseconds since the epoch (the kernel's, else now)
         */
        void answer(ByteBuffer datagram, TimestampedUdpSocket.Datagram arrival, long arrivalEpochNanos);
    }

    private ReceiveLoop() {
    }

    /** Runs until {@code socket} is shut down; {@code service} names it in log messages. */
    public static void run(TimestampedUdpSocket socket, String service, Handler handler) {
        ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES);
        while (receiveOne(socket, in, service, handler)) {
            // one datagram per call: a method the JIT compiles after a few hundred packets, where a loop body
            // would stay interpreted until tens of thousands
        }
    }

    private static boolean receiveOne(TimestampedUdpSocket socket, ByteBuffer in, String service, Handler handler) {
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
