package io.callready.reflector.rtpports;

import io.callready.wire.rtp.MalformedPacketException;
import io.callready.wire.rtp.PortTestPacket;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Listens on the ports an agent samples from its RTP range, for the RTP port test ({@link PortTestPacket}). Safe to
 * leave on a public reflector: a port opens only for a few seconds ({@value PortTestPacket#MAX_HOLD_SECONDS} at
 * most), at most {@link #MAX_OPEN} at once and {@link #MAX_PER_ASKER} for one address, never below 1024; it answers
 * only port tests, only from the address
 * that asked for it, and each answer is the test itself with two fields filled in, so the reflector never sends
 * more than it receives.
 */
public final class PortOpener {
    public static final int MAX_OPEN = 256;
    public static final int MAX_PER_ASKER = 64;
    public static final int MIN_PORT = 1024;
    private static final int BUFFER_BYTES = 1500;

    private record Listener(InetAddress asker, DatagramSocket socket) {
    }

    private final InetAddress bind;
    private final Map<Integer, Listener> open = new ConcurrentHashMap<>();
    private final AtomicLong answered = new AtomicLong();

    public PortOpener(InetAddress bind) {
        this.bind = bind;
    }

    /** Port tests answered so far. */
    public long answered() {
        return answered.get();
    }

    /** Ports listening now. */
    public int openCount() {
        return open.size();
    }

    /**
     * Opens the requested ports for {@code asker} and turns the request (position 0) into its reply in place.
     * A port the same address already has open counts as opened, so a retried request does not fail.
     */
    public void answer(ByteBuffer request, InetSocketAddress asker) throws MalformedPacketException {
        PortTestPacket.OpenRequest req = PortTestPacket.decodeOpenRequest(request.duplicate());
        List<PortTestPacket.Entry> entries = new ArrayList<>();
        for (int port : req.ports()) {
            entries.add(new PortTestPacket.Entry(port, open(port, asker.getAddress(), req.holdSeconds())));
        }
        PortTestPacket.fillOpened(request, entries);
    }

    private int open(int port, InetAddress asker, int holdSeconds) {
        Listener existing = open.get(port);
        if (existing != null) {
            return existing.asker().equals(asker) ? PortTestPacket.OPENED : PortTestPacket.IN_USE;
        }
        if (port < MIN_PORT || open.size() >= MAX_OPEN
                || open.values().stream().filter(l -> l.asker().equals(asker)).count() >= MAX_PER_ASKER) {
            return PortTestPacket.REFUSED;
        }
        DatagramSocket socket;
        try {
            socket = new DatagramSocket(new InetSocketAddress(bind, port));
        } catch (BindException e) {
            return PortTestPacket.IN_USE;
        } catch (IOException e) {
            return PortTestPacket.REFUSED;
        }
        Listener listener = new Listener(asker, socket);
        if (open.putIfAbsent(port, listener) != null) {
            socket.close();
            return PortTestPacket.IN_USE;
        }
        long deadline = System.nanoTime() + holdSeconds * 1_000_000_000L;
        Thread.ofVirtual().name("rtp-port-" + port).start(() -> serve(port, listener, deadline));
        return PortTestPacket.OPENED;
    }

    private void serve(int port, Listener listener, long deadline) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try (DatagramSocket socket = listener.socket()) {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (!p.getAddress().equals(listener.asker())) {
                    continue;
                }
                ByteBuffer datagram = ByteBuffer.wrap(buffer, 0, p.getLength());
                try {
                    PortTestPacket.decodePortTest(datagram.duplicate());
                } catch (MalformedPacketException e) {
                    continue;
                }
                PortTestPacket.fillPortTestReply(datagram, p.getPort(), port);
                socket.send(new DatagramPacket(buffer, p.getLength(), p.getSocketAddress()));
                answered.incrementAndGet();
            }
        } catch (IOException e) {
            // the port closes early; the agent sees it as not answering, as it would a blocked one
        } finally {
            open.remove(port, listener);
        }
    }
}
