package io.callready.reflector.stamp;

import io.callready.reflector.ReceiveLoop;
import io.callready.reflector.UdpSockets;
import io.callready.wire.net.EpochClock;
import io.callready.wire.net.TimestampedUdpSocket;
import io.callready.wire.plan.StampReflectorMode;
import io.callready.wire.rtp.MalformedPacketException;
import io.callready.wire.stamp.ErrorEstimate;
import io.callready.wire.stamp.NtpTimestamp;
import io.callready.wire.stamp.StampReflectorPacket;
import io.callready.wire.stamp.StampSenderPacket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A STAMP session-reflector (RFC 8762, unauthenticated mode) that also answers TWAMP-light senders
 * (RFC 5357 Appendix I): same offsets, and the reply is as long as the request (RFC 6038 symmetric size) but never
 * shorter than the 44 bytes STAMP requires. The receive timestamp (T2) is the kernel's arrival time, so how late
 * this thread wakes never shows as jitter; the transmit timestamp (T3) is read from the same wall clock just
 * before the send. The Session-Sender TTL field carries the TTL / hop limit the test packet arrived with (255 only
 * if the kernel did not say). A test packet with TLVs after its base (RFC 8972) gets them back in the reply; with a
 * Class of Service TLV the reply says the DSCP and ECN the packet arrived with and is itself sent with the DSCP the
 * sender asked for, so one exchange shows the mark of both directions. Other replies go out unmarked (CS0).
 * One thread, one socket.
 */
public final class StampReflector implements AutoCloseable {
    private static final int BUFFER_BYTES = 2048;

    private final TimestampedUdpSocket socket;
    private final StampReflectorMode mode;
    private final StampSessionCounters sessions;
    private final ReceiveLoop loop;
    private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong replied = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private int currentTos;

    private StampReflector(TimestampedUdpSocket socket, StampReflectorSettings settings) {
        this.socket = socket;
        this.mode = settings.mode();
        this.sessions = new StampSessionCounters(settings.maxSessions(), settings.sessionIdle().toNanos());
        this.loop = new ReceiveLoop(socket, "STAMP reflector", this::answer);
    }

    /** Binds the socket and starts answering; fails only if the address cannot be bound. */
    public static StampReflector start(StampReflectorSettings settings) throws IOException {
        StampReflector r = new StampReflector(UdpSockets.bindTimestamped(settings.bind(), "STAMP reflector"), settings);
        r.loop.start();
        return r;
    }

    public InetSocketAddress localAddress() {
        return loop.localAddress();
    }

    public StampReflectorMode mode() {
        return mode;
    }

    public StampReflectorCounters counters() {
        return new StampReflectorCounters(received.get(), replied.get(), malformed.get(), sendErrors.get());
    }

    /** CPU time the reflector thread has used, or -1 when the JVM cannot measure it. */
    public long cpuTimeNanos() {
        return loop.cpuTimeNanos();
    }

    @Override
    public void close() {
        loop.close();
    }

    /** The option is only touched when the mark changes; a refused mark leaves the reply as the kernel sends it. */
    private void markReply(int tos) {
        if (tos != currentTos && socket.setTos(tos)) {
            currentTos = tos;
        }
    }

    private void answer(ByteBuffer in, TimestampedUdpSocket.Datagram arrival, long t2) {
        received.incrementAndGet();
        int start = in.position();
        int length = in.remaining();
        StampSenderPacket request;
        try {
            request = StampSenderPacket.decode(in);
        } catch (MalformedPacketException e) {
            malformed.incrementAndGet();
            return;
        }
        long sequence = mode == StampReflectorMode.STATEFUL ? sessions.next(arrival.source(), System.nanoTime()) : request.sequence();
        out.clear();
        new StampReflectorPacket(sequence, NtpTimestamp.ofEpochNanos(EpochClock.nowNanos()), ErrorEstimate.UNSYNCED_MILLISECOND,
                NtpTimestamp.ofEpochNanos(t2), request.sequence(), request.timestamp(), request.errorEstimate(),
                arrival.ttl() < 0 ? StampReflectorPacket.TTL_UNKNOWN : arrival.ttl()).encode(out, Math.max(StampReflectorPacket.LENGTH, length));
        out.flip();
        markReply(ReflectedTlvs.copy(in.position(start), out, arrival.tos()));
        try {
            socket.sendTo(out, arrival.source());
            replied.incrementAndGet();
        } catch (IOException e) {
            sendErrors.incrementAndGet();
        }
    }
}
