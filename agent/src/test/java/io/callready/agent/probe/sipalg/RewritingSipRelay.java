package io.callready.agent.probe.sipalg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/**
 * A crude SIP ALG for tests: forwards UDP and TCP from one port number to a SIP responder and, on the way up,
 * replaces the loopback address in the request with another of the same length (so Content-Length stays right).
 */
final class RewritingSipRelay implements AutoCloseable {
    static final String FROM = "127.0.0.1";
    static final String TO = "10.99.0.1";

    private final DatagramChannel udp;
    private final ServerSocket tcp;

    RewritingSipRelay(InetSocketAddress udpTarget, InetSocketAddress tcpTarget) throws IOException {
        udp = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = ((InetSocketAddress) udp.getLocalAddress()).getPort();
        tcp = new ServerSocket(port, 5, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> udpLoop(udpTarget));
        Thread.ofPlatform().daemon().start(() -> tcpLoop(tcpTarget));
    }

    int port() {
        return tcp.getLocalPort();
    }

    private static byte[] rewrite(byte[] in, int length) {
        String text = new String(in, 0, length, StandardCharsets.ISO_8859_1).replace(FROM, TO);
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void udpLoop(InetSocketAddress target) {
        ByteBuffer buf = ByteBuffer.allocate(65535);
        try (DatagramChannel up = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            while (true) {
                buf.clear();
                SocketAddress client = udp.receive(buf);
                up.send(ByteBuffer.wrap(rewrite(buf.array(), buf.position())), target);
                buf.clear();
                up.receive(buf);
                buf.flip();
                udp.send(buf, client);
            }
        } catch (IOException closed) {
            // the test closed the relay
        }
    }

    private void tcpLoop(InetSocketAddress target) {
        try {
            while (true) {
                Socket client = tcp.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                Thread.ofPlatform().daemon().start(() -> pump(client, server, true));
                Thread.ofPlatform().daemon().start(() -> pump(server, client, false));
            }
        } catch (IOException closed) {
            // the test closed the relay
        }
    }

    private static void pump(Socket from, Socket to, boolean rewriting) {
        byte[] buf = new byte[65535];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(rewriting ? rewrite(buf, n) : java.util.Arrays.copyOf(buf, n));
                out.flush();
            }
        } catch (IOException closed) {
            // one side hung up
        }
    }

    @Override
    public void close() throws IOException {
        udp.close();
        tcp.close();
    }
}
