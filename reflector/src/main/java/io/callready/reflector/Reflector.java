package io.callready.reflector;

import io.callready.wire.clock.ClockSync;
import io.callready.wire.clock.KernelClockSync;
import io.callready.wire.net.EpochClock;
import io.callready.wire.net.TimestampedUdpSocket;
import io.callready.wire.rtp.MalformedPacketException;
import io.callready.wire.rtp.PortTestPacket;
import io.callready.wire.rtp.ProbePacket;
import io.callready.reflector.rtpports.PortOpener;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Echoes CallReady RTP probe packets with its own receive (T2) and send (T3) times, so the agent can tell
 * the two directions apart, and answers stats requests with the per-session counters. T2 is the kernel's
 * arrival time, so how late this thread wakes up never shows as upstream jitter; T3 is read just before the
 * send (the reply carries T3 − T2), and the kernel's send time of each reply is kept in the arrival record
 * ({@link ReplySendStamps}) for the agent to read with the arrivals; all are wall-clock nanoseconds (only T3 − T2 and T2's variation matter to the agent). Each reply also
 * says which TOS byte the request arrived with, so the agent sees DSCP re-marking on the way up. Each session also
 * records every request's arrival, which the agent pages through after the burst (arrivals requests), so it
 * learns which requests arrived and when even where the reply was lost. Stats replies also carry what the kernel says
 * about this host's clock synchronisation, so the agent can report one-way delay when both clocks are synchronised.
 * Requests to listen on sampled RTP ports for the port-range test go to a {@link PortOpener}. One thread, one
 * socket, memory bounded by {@link ReflectorSettings#maxSessions()}; anything that is not a probe packet
 * is counted and dropped.
 */
public final class Reflector implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Reflector.class.getName());

    private final TimestampedUdpSocket socket;
    private final ReceiveLoop loop;
    private final ByteBuffer out = ByteBuffer.allocateDirect(2048);
    private final SessionTable sessions;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong replied = new AtomicLong();
    private final AtomicLong statsAnswered = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private volatile int activeSessions;
    private volatile long sessionsEvicted;
    private final ClockSync.Source clock;
    private int currentTos = -1;
    private final ReplySendStamps sendStamps;
    private final PortOpener portOpener;

    private Reflector(TimestampedUdpSocket socket, ReflectorSettings settings, ClockSync.Source clock) {
        this.socket = socket;
        this.clock = clock;
        this.sessions = new SessionTable(settings.maxSessions(), settings.sessionIdleTimeout().toNanos());
        this.sendStamps = ReplySendStamps.enable(socket);
        this.portOpener = new PortOpener(settings.bind().getAddress());
        this.loop = new ReceiveLoop(socket, "reflector", this::answer);
    }

    /** Binds the socket and starts answering; fails only if the address cannot be bound. */
    public static Reflector start(ReflectorSettings settings) throws IOException {
        return start(settings, KernelClockSync.INSTANCE);
    }

    /** @param clock what the stats replies say about this host's clock synchronisation */
    public static Reflector start(ReflectorSettings settings, ClockSync.Source clock) throws IOException {
        TimestampedUdpSocket s = UdpSockets.bindTimestamped(settings.bind(), "reflector");
        try {
            s.setReceiveBuffer(1 << 20);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        Reflector r = new Reflector(s, settings, clock);
        r.loop.start();
        return r;
    }

    public InetSocketAddress localAddress() {
        return loop.localAddress();
    }

    public ReflectorCounters counters() {
        return new ReflectorCounters(received.get(), replied.get(), statsAnswered.get(), malformed.get(),
                sendErrors.get(), activeSessions, sessionsEvicted);
    }

    /** CPU time the reflector thread has used, or -1 when the JVM cannot measure it. */
    public long cpuTimeNanos() {
        return loop.cpuTimeNanos();
    }

    @Override
    public void close() {
        loop.close();
    }

    private void answer(ByteBuffer datagram, TimestampedUdpSocket.Datagram arrival, long t2) {
        received.incrementAndGet();
        sendStamps.collect();
        try {
            if (PortTestPacket.isPortTestProtocol(datagram)) {
                portOpener.answer(datagram, arrival.source());
                markReplies(0);
                send(datagram, arrival.source(), null, -1);
                return;
            }
            handle(datagram, out, arrival.source(), t2, arrival.tos() < 0 ? ProbePacket.TOS_UNKNOWN : arrival.tos());
        } catch (MalformedPacketException | RuntimeException e) {
            malformed.incrementAndGet();
        }
        activeSessions = sessions.size();
        sessionsEvicted = sessions.evicted();
    }

    private void handle(ByteBuffer packet, ByteBuffer out, InetSocketAddress from, long t2, int tosSeen) throws MalformedPacketException {
        long now = System.nanoTime();
        switch (ProbePacket.decode(packet.duplicate())) {
            case ProbePacket.Request req -> {
                UpstreamSession s = sessions.getOrCreate(new SessionTable.Key(from, req.header().ssrc()), now);
                int arrival = s.onRequest(req.header().sequence(), now, t2, tosSeen);
                long index = s.nextReplyIndex();
                markReplies(req.replyDscp());
                ProbePacket.fillReply(packet, req.payloadOffset(), tosSeen, t2, EpochClock.nowNanos(), index);
                if (send(packet, from, s.arrivals(), arrival)) {
                    replied.incrementAndGet();
                }
            }
            case ProbePacket.StatsRequest req -> {
                UpstreamSession s = sessions.find(new SessionTable.Key(from, req.header().ssrc()));
                out.clear();
                ProbePacket.encodeStatsReply(out, req.header(),
                        s == null ? new ProbePacket.SessionStats(0, 0, 0, 0, 0) : s.stats(), s == null ? 0 : s.arrivals().size(),
                        clock.read());
                if (s != null) {
                    s.lastSeenNanos = now;
                }
                if (send(out.flip(), from, null, -1)) {
                    statsAnswered.incrementAndGet();
                }
            }
            case ProbePacket.ArrivalsRequest req -> {
                UpstreamSession s = sessions.find(new SessionTable.Key(from, req.header().ssrc()));
                int held = s == null ? 0 : s.arrivals().size();
                int first = Math.min(req.firstArrival(), held);
                out.clear();
                ProbePacket.encodeArrivalsReply(out, req.header(), first,
                        Math.min(ProbePacket.recordsPerReply(req.withKernelT3()), held - first),
                        s == null ? null : s.arrivals(), req.withKernelT3());
                if (s != null) {
                    s.lastSeenNanos = now;
                }
                if (send(out.flip(), from, null, -1)) {
                    statsAnswered.incrementAndGet();
                }
            }
            case ProbePacket.ArrivalsReply r -> throw new MalformedPacketException("an arrivals reply sent to the reflector");
            case ProbePacket.Reply r -> throw new MalformedPacketException("a reply sent to the reflector");
            case ProbePacket.StatsReply r -> throw new MalformedPacketException("a stats reply sent to the reflector");
        }
    }

    /** Replies carry the DSCP the agent asked for; the option is only touched when the mark changes. */
    private void markReplies(int dscp) {
        int tos = dscp << 2;
        if (tos == currentTos) {
            return;
        }
        if (!socket.setTos(tos)) {
            LOG.fine("cannot set IP_TOS " + tos);
        }
        currentTos = tos;
    }


    /** @param answered the record holding the request this send answers, with the request's position; null, -1 for none */
    private boolean send(ByteBuffer packet, InetSocketAddress to, ArrivalRecord answered, int arrival) {
        try {
            socket.sendTo(packet, to);
            sendStamps.sent(answered, arrival);
            return true;
        } catch (IOException e) {
            sendStamps.failed();
            sendErrors.incrementAndGet();
            return false;
        }
    }
}
