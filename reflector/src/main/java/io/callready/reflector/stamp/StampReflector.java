package io.callready.reflector.stamp;

import io.callready.reflector.UdpSockets;
import io.callready.wire.plan.StampReflectorMode;
import io.callready.wire.rtp.MalformedPacketException;
import io.callready.wire.stamp.ErrorEstimate;
import io.callready.wire.stamp.PreciseWallClock;
import io.callready.wire.stamp.StampReflectorPacket;
import io.callready.wire.stamp.StampSenderPacket;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A STAMP session-reflector (RFC 8762, unauthenticated mode) that also answers TWAMP-light senders
 * (RFC 5357 Appendix I): same offsets, and the reply is as long as the request (RFC 6038 symmetric size) but never
 * shorter than the 44 bytes STAMP requires. Receive (T2) and transmit (T3) timestamps are NTP wall-clock time with
 * monotonic resolution, so T3 − T2 is exact. The received TTL is not readable from Java, so it is sent as 255.
 * One thread, one socket.
 */
public final class StampReflector implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StampReflector.class.getName());
    private static final int BUFFER_BYTES = 2048;

    private final DatagramChannel channel;
    private final StampReflectorMode mode;
    private final StampSessionCounters sessions;
    private final PreciseWallClock clock = PreciseWallClock.system();
    private final Thread thread;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong replied = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();

    private StampReflector(DatagramChannel channel, StampReflectorSettings settings) {
        this.channel = channel;
        this.mode = settings.mode();
        this.sessions = new StampSessionCounters(settings.maxSessions(), settings.sessionIdle().toNanos());
        this.thread = Thread.ofPlatform().name("callready-stamp-reflector").daemon(true).unstarted(this::loop);
    }

    /** Binds the socket and starts answering; fails only if the address cannot be bound. */
    public static StampReflector start(StampReflectorSettings settings) throws IOException {
        DatagramChannel ch = UdpSockets.bind(settings.bind(), "STAMP reflector");
        StampReflector r = new StampReflector(ch, settings);
        r.thread.start();
        return r;
    }

    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("STAMP reflector socket is closed", e);
        }
    }

    public StampReflectorMode mode() {
        return mode;
    }

    public StampReflectorCounters counters() {
        return new StampReflectorCounters(received.get(), replied.get(), malformed.get(), sendErrors.get());
    }

    /** CPU time the reflector thread has used, or -1 when the JVM cannot measure it. */
    public long cpuTimeNanos() {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.threadId());
    }

    @Override
    public void close() {
        try {
            channel.close();
            thread.join(2000);
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing STAMP reflector socket", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES);
        ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_BYTES);
        while (channel.isOpen()) {
            SocketAddress from;
            long t2;
            try {
                in.clear();
                from = channel.receive(in);
                t2 = System.nanoTime();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "STAMP reflector receive failed; continuing", e);
                continue;
            }
            received.incrementAndGet();
            in.flip();
            int length = in.remaining();
            StampSenderPacket request;
            try {
                request = StampSenderPacket.decode(in);
            } catch (MalformedPacketException e) {
                malformed.incrementAndGet();
                continue;
            }
            long sequence = mode == StampReflectorMode.STATEFUL ? sessions.next(from, t2) : request.sequence();
            out.clear();
            new StampReflectorPacket(sequence, clock.ntp(System.nanoTime()), ErrorEstimate.UNSYNCED_MILLISECOND,
                    clock.ntp(t2), request.sequence(), request.timestamp(), request.errorEstimate(),
                    StampReflectorPacket.TTL_UNKNOWN).encode(out, Math.max(StampReflectorPacket.LENGTH, length));
            out.flip();
            try {
                channel.send(out, from);
                replied.incrementAndGet();
            } catch (IOException e) {
                sendErrors.incrementAndGet();
            }
        }
    }
}
