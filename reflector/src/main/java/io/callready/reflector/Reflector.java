package io.callready.reflector;

import io.callready.wire.rtp.MalformedPacketException;
import io.callready.wire.rtp.ProbePacket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Echoes CallReady RTP probe packets with its own receive (T2) and send (T3) times, so the agent can tell
 * the two directions apart, and answers stats requests with the per-session counters. One thread, one
 * socket, memory bounded by {@link ReflectorSettings#maxSessions()}; anything that is not a probe packet
 * is counted and dropped.
 */
public final class Reflector implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Reflector.class.getName());
    private static final int BUFFER_BYTES = 4096;

    private final DatagramChannel channel;
    private final Thread thread;
    private final SessionTable sessions;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong replied = new AtomicLong();
    private final AtomicLong statsAnswered = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private volatile int activeSessions;
    private volatile long sessionsEvicted;
    private int currentTos = -1;

    private Reflector(DatagramChannel channel, ReflectorSettings settings) {
        this.channel = channel;
        this.sessions = new SessionTable(settings.maxSessions(), settings.sessionIdleTimeout().toNanos());
        this.thread = Thread.ofPlatform().name("callready-reflector").daemon(true).unstarted(this::loop);
    }

    /** Binds the socket and starts answering; fails only if the address cannot be bound. */
    public static Reflector start(ReflectorSettings settings) throws IOException {
        DatagramChannel ch = UdpSockets.bind(settings.bind(), "reflector");
        try {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        Reflector r = new Reflector(ch, settings);
        r.thread.start();
        return r;
    }

    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("reflector socket is closed", e);
        }
    }

    public ReflectorCounters counters() {
        return new ReflectorCounters(received.get(), replied.get(), statsAnswered.get(), malformed.get(),
                sendErrors.get(), activeSessions, sessionsEvicted);
    }

    /** CPU time the reflector thread has used, or -1 when the JVM cannot measure it. */
    public long cpuTimeNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.threadId());
    }

    @Override
    public void close() {
        try {
            channel.close();
            thread.join(2000);
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing reflector socket", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER_BYTES);
        ByteBuffer out = ByteBuffer.allocateDirect(256);
        while (channel.isOpen()) {
            SocketAddress from;
            long t2;
            try {
                buf.clear();
                from = channel.receive(buf);
                t2 = System.nanoTime();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "reflector receive failed; continuing", e);
                continue;
            }
            received.incrementAndGet();
            buf.flip();
            try {
                handle(buf, out, from, t2);
            } catch (MalformedPacketException | RuntimeException e) {
                malformed.incrementAndGet();
            }
            activeSessions = sessions.size();
            sessionsEvicted = sessions.evicted();
        }
    }

    private void handle(ByteBuffer packet, ByteBuffer out, SocketAddress from, long t2) throws MalformedPacketException {
        switch (ProbePacket.decode(packet.duplicate())) {
            case ProbePacket.Request req -> {
                UpstreamSession s = sessions.getOrCreate(new SessionTable.Key(from, req.header().ssrc()), t2);
                s.onRequest(req.header().sequence(), t2);
                long index = s.nextReplyIndex();
                markReplies(req.replyDscp());
                ProbePacket.fillReply(packet, req.payloadOffset(), ProbePacket.TOS_UNKNOWN, t2, System.nanoTime(), index);
                if (send(packet, from)) {
                    replied.incrementAndGet();
                }
            }
            case ProbePacket.StatsRequest req -> {
                UpstreamSession s = sessions.find(new SessionTable.Key(from, req.header().ssrc()));
                out.clear();
                ProbePacket.encodeStatsReply(out, req.header(),
                        s == null ? new ProbePacket.SessionStats(0, 0, 0, 0, 0) : s.stats());
                if (s != null) {
                    s.lastSeenNanos = t2;
                }
                if (send(out.flip(), from)) {
                    statsAnswered.incrementAndGet();
                }
            }
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
        try {
            channel.setOption(StandardSocketOptions.IP_TOS, tos);
            currentTos = tos;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.FINE, "cannot set IP_TOS " + tos, e);
            currentTos = tos;
        }
    }

    private boolean send(ByteBuffer packet, SocketAddress to) {
        try {
            channel.send(packet, to);
            return true;
        } catch (IOException e) {
            sendErrors.incrementAndGet();
            return false;
        }
    }
}
