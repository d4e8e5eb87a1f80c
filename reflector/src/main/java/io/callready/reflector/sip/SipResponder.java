package io.callready.reflector.sip;

import io.callready.reflector.UdpSockets;
import io.callready.wire.sip.MalformedSipException;
import io.callready.wire.sip.SipStreamReader;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers SIP requests with an echo of what arrived ({@link SipEcho}) on UDP and TCP ports. One platform thread
 * per UDP port; one virtual thread per TCP connection, each with an idle timeout so connections cannot pile up.
 */
public final class SipResponder implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SipResponder.class.getName());
    private static final int MAX_DATAGRAM = 65_535;
    private static final int TCP_IDLE_MS = 30_000;
    private static final int MAX_TCP_CONNECTIONS = 256;

    private final List<DatagramChannel> udp = new ArrayList<>();
    private final List<ServerSocket> tcp = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong openConnections = new AtomicLong();

    private SipResponder() {
    }

    public static SipResponder start(SipResponderSettings settings) throws IOException {
        SipResponder r = new SipResponder();
        try {
            for (int port : settings.udpPorts()) {
                r.udp.add(UdpSockets.bind(new InetSocketAddress(settings.bind(), port), "SIP responder"));
            }
            for (int port : settings.tcpPorts()) {
                ServerSocket s = new ServerSocket();
                r.tcp.add(s);
                s.setReuseAddress(true);
                try {
                    s.bind(new InetSocketAddress(settings.bind(), port), 50);
                } catch (IOException e) {
                    throw new IOException("cannot bind SIP responder to tcp " + settings.bind().getHostAddress() + ":" + port + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            r.close();
            throw e;
        }
        for (DatagramChannel ch : r.udp) {
            r.threads.add(Thread.ofPlatform().daemon(true).name("sip-udp").start(() -> r.serveUdp(ch)));
        }
        for (ServerSocket s : r.tcp) {
            r.threads.add(Thread.ofPlatform().daemon(true).name("sip-tcp").start(() -> r.serveTcp(s)));
        }
        return r;
    }

    public List<Integer> udpPorts() {
        return udp.stream().map(ch -> {
            try {
                return ((InetSocketAddress) ch.getLocalAddress()).getPort();
            } catch (IOException e) {
                return -1;
            }
        }).toList();
    }

    public List<Integer> tcpPorts() {
        return tcp.stream().map(ServerSocket::getLocalPort).toList();
    }

    public long answered() {
        return answered.get();
    }

    private void serveUdp(DatagramChannel ch) {
        ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
        while (ch.isOpen()) {
            try {
                buf.clear();
                SocketAddress from = ch.receive(buf);
                byte[] raw = new byte[buf.flip().remaining()];
                buf.get(raw);
                Optional<byte[]> reply = SipEcho.respond(raw, (InetSocketAddress) from);
                if (reply.isPresent()) {
                    ch.send(ByteBuffer.wrap(reply.get()), from);
                    answered.incrementAndGet();
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(Level.FINE, "SIP udp receive/send failed; continuing", e);
            }
        }
    }

    private void serveTcp(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                if (openConnections.incrementAndGet() > MAX_TCP_CONNECTIONS) {
                    openConnections.decrementAndGet();
                    s.close();
                    continue;
                }
                Thread.ofVirtual().name("sip-tcp-conn").start(() -> serveConnection(s));
            } catch (IOException e) {
                if (server.isClosed()) return;
                LOG.log(Level.FINE, "SIP tcp accept failed; continuing", e);
            }
        }
    }

    private void serveConnection(Socket s) {
        try (s) {
            s.setSoTimeout(TCP_IDLE_MS);
            SipStreamReader reader = new SipStreamReader(s.getInputStream());
            OutputStream out = s.getOutputStream();
            InetSocketAddress from = (InetSocketAddress) s.getRemoteSocketAddress();
            while (true) {
                Optional<byte[]> reply = SipEcho.respond(reader.next(), from);
                if (reply.isPresent()) {
                    out.write(reply.get());
                    out.flush();
                    answered.incrementAndGet();
                }
            }
        } catch (IOException | MalformedSipException e) {
            LOG.log(Level.FINE, "SIP tcp connection ended", e);
        } finally {
            openConnections.decrementAndGet();
        }
    }

    @Override
    public void close() {
        for (DatagramChannel ch : udp) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing SIP udp socket", e);
            }
        }
        for (ServerSocket s : tcp) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing SIP tcp socket", e);
            }
        }
        for (Thread t : threads) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
