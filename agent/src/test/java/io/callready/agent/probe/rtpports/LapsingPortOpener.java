package io.callready.agent.probe.rtpports;

import io.callready.wire.rtp.MalformedPacketException;
import io.callready.wire.rtp.PortTestPacket;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A port-test peer whose first open request is answered "opened" but whose ports are already closed again when the
 * tests arrive, as a reflector's hold lapses while the agent's host is stalled; from the second request on it opens
 * them for real and answers every test, as the reflector does.
 */
final class LapsingPortOpener implements AutoCloseable {
    private final DatagramSocket control = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    private final List<DatagramSocket> opened = new ArrayList<>();
    private final AtomicInteger openRequests = new AtomicInteger();

    LapsingPortOpener() throws IOException {
        Thread.ofVirtual().start(this::serveControl);
    }

    int port() {
        return control.getLocalPort();
    }

    int openRequests() {
        return openRequests.get();
    }

    private void serveControl() {
        byte[] buffer = new byte[1500];
        try {
            while (true) {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                control.receive(p);
                ByteBuffer request = ByteBuffer.wrap(buffer, 0, p.getLength());
                PortTestPacket.OpenRequest req;
                try {
                    req = PortTestPacket.decodeOpenRequest(request.duplicate());
                } catch (MalformedPacketException e) {
                    continue;
                }
                boolean lapsed = openRequests.incrementAndGet() == 1;
                List<PortTestPacket.Entry> entries = new ArrayList<>();
                for (int port : req.ports()) {
                    entries.add(new PortTestPacket.Entry(port, lapsed || listen(port) ? PortTestPacket.OPENED : PortTestPacket.IN_USE));
                }
                PortTestPacket.fillOpened(request, entries);
                control.send(new DatagramPacket(buffer, p.getLength(), p.getSocketAddress()));
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private boolean listen(int port) {
        DatagramSocket socket;
        try {
            socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", port));
        } catch (BindException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        synchronized (opened) {
            opened.add(socket);
        }
        Thread.ofVirtual().start(() -> answerTests(socket, port));
        return true;
    }

    private static void answerTests(DatagramSocket socket, int port) {
        byte[] buffer = new byte[1500];
        try {
            while (true) {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                socket.receive(p);
                ByteBuffer datagram = ByteBuffer.wrap(buffer, 0, p.getLength());
                PortTestPacket.fillPortTestReply(datagram, p.getPort(), port);
                socket.send(new DatagramPacket(buffer, p.getLength(), p.getSocketAddress()));
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    @Override
    public void close() {
        control.close();
        synchronized (opened) {
            opened.forEach(DatagramSocket::close);
        }
    }
}
