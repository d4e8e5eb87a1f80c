package io.callready.reflector.stun;

import io.callready.reflector.UdpSockets;

import java.io.IOException;
import java.net.InetSocketAddress;
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
 * STUN Binding server (RFC 8489) with RFC 5780 behaviour discovery when it has an alternate address: four sockets,
 * one platform thread each, answers decided by {@link StunAnswer}.
 */
public final class StunServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StunServer.class.getName());
    /** Larger than any Binding request worth answering; longer datagrams are truncated and then fail to parse. */
    private static final int MAX_REQUEST_BYTES = 1500;
    private static final int BIND_ATTEMPTS = 20;

    private final List<DatagramChannel> sockets = new ArrayList<>();
    private final List<InetSocketAddress> addresses = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();

    private StunServer() {
    }

    public static StunServer start(StunServerSettings settings) throws IOException {
        StunServer s = new StunServer();
        try {
            if (settings.alternate().isEmpty()) {
                s.add(UdpSockets.bind(settings.primary(), "STUN server"));
            } else {
                s.bindFour(settings.primary(), settings.alternate().get());
            }
        } catch (IOException e) {
            s.close();
            throw e;
        }
        for (int i = 0; i < s.sockets.size(); i++) {
            int index = i;
            s.threads.add(Thread.ofPlatform().daemon(true).name("stun-" + i).start(() -> s.serve(index)));
        }
        return s;
    }

    /** IP1:P1, IP1:P2, IP2:P1, IP2:P2; a port 0 is chosen on the first address and must then be free on the other. */
    private void bindFour(InetSocketAddress primary, InetSocketAddress alternate) throws IOException {
        for (int attempt = 1; ; attempt++) {
            List<DatagramChannel> opened = new ArrayList<>();
            try {
                DatagramChannel p1 = UdpSockets.bind(primary, "STUN server");
                opened.add(p1);
                int port1 = ((InetSocketAddress) p1.getLocalAddress()).getPort();
                DatagramChannel a2 = UdpSockets.bind(alternate, "STUN server (alternate)");
                opened.add(a2);
                int port2 = ((InetSocketAddress) a2.getLocalAddress()).getPort();
                DatagramChannel p2 = UdpSockets.bind(new InetSocketAddress(primary.getAddress(), port2), "STUN server");
                opened.add(p2);
                DatagramChannel a1 = UdpSockets.bind(new InetSocketAddress(alternate.getAddress(), port1), "STUN server (alternate)");
                opened.add(a1);
                for (DatagramChannel ch : List.of(p1, p2, a1, a2)) add(ch);
                return;
            } catch (IOException e) {
                for (DatagramChannel ch : opened) ch.close();
                boolean ephemeral = primary.getPort() == 0 || alternate.getPort() == 0;
                if (!ephemeral || attempt == BIND_ATTEMPTS) throw e;
            }
        }
    }

    private void add(DatagramChannel ch) throws IOException {
        sockets.add(ch);
        addresses.add((InetSocketAddress) ch.getLocalAddress());
    }

    /** The addresses answered on: one, or four in the order IP1:P1, IP1:P2, IP2:P1, IP2:P2. */
    public List<InetSocketAddress> addresses() {
        return List.copyOf(addresses);
    }

    public long answered() {
        return answered.get();
    }

    public long ignored() {
        return ignored.get();
    }

    private void serve(int index) {
        DatagramChannel ch = sockets.get(index);
        ByteBuffer buf = ByteBuffer.allocate(MAX_REQUEST_BYTES);
        while (ch.isOpen()) {
            try {
                buf.clear();
                InetSocketAddress from = (InetSocketAddress) ch.receive(buf);
                Optional<StunAnswer.Reply> reply = StunAnswer.answer(buf.array(), buf.position(), from, addresses, index);
                if (reply.isEmpty()) {
                    ignored.incrementAndGet();
                    continue;
                }
                sockets.get(reply.get().fromSocket()).send(ByteBuffer.wrap(reply.get().datagram()), reply.get().to());
                answered.incrementAndGet();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(Level.FINE, "STUN receive/send failed; continuing", e);
            }
        }
    }

    public String counters() {
        return "stun_answered=" + answered.get() + " stun_ignored=" + ignored.get();
    }

    @Override
    public void close() {
        for (DatagramChannel ch : sockets) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing STUN socket", e);
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
