package io.callready.collector.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A receiver on 127.0.0.1 that accepts every connection, reads what it is sent and never answers: the hung
 * webhook endpoint. Counts the connections it got.
 */
public final class HangingReceiver implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    private HangingReceiver() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().start(this::accept);
    }

    public static HangingReceiver start() throws IOException {
        return new HangingReceiver();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                held.add(s);
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> swallow(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void swallow(Socket s) {
        byte[] buf = new byte[4096];
        try {
            while (s.getInputStream().read(buf) >= 0) {
                // Read the request so the sender is never blocked on writing; answer nothing.
            }
        } catch (IOException e) {
            // The collector gave up and closed the connection.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : held) {
            s.close();
        }
    }
}
