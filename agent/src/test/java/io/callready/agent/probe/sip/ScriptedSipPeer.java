package io.callready.agent.probe.sip;

import io.callready.wire.sip.SipMessage;
import io.callready.wire.sip.SipStreamReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A SIP server on loopback that answers every OPTIONS with one status line given as raw bytes (so it can hold
 * NUL, ESC, a lone CR or bytes that are not UTF-8) and the transaction headers copied back, over UDP or TCP.
 */
final class ScriptedSipPeer implements AutoCloseable {
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final byte[] statusLine;
    private final Thread worker;

    private ScriptedSipPeer(DatagramSocket udp, ServerSocket tcp, byte[] statusLine) {
        this.udp = udp;
        this.tcp = tcp;
        this.statusLine = statusLine;
        this.worker = Thread.ofVirtual().start(udp != null ? this::serveUdp : this::serveTcp);
    }

    static ScriptedSipPeer udp(byte[] statusLine) throws IOException {
        return new ScriptedSipPeer(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), null, statusLine);
    }

    static ScriptedSipPeer tcp(byte[] statusLine) throws IOException {
        return new ScriptedSipPeer(null, new ServerSocket(0, 8, InetAddress.getLoopbackAddress()), statusLine);
    }

    int port() {
        return udp != null ? udp.getLocalPort() : tcp.getLocalPort();
    }

    private void serveUdp() {
        byte[] buf = new byte[65_535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                udp.receive(in);
                byte[] answer = answer(SipMessage.parse(Arrays.copyOf(in.getData(), in.getLength())));
                udp.send(new DatagramPacket(answer, answer.length, in.getSocketAddress()));
            } catch (Exception e) {
                return;
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try (Socket s = tcp.accept()) {
                SipMessage request = SipMessage.parse(new SipStreamReader(s.getInputStream()).next());
                s.getOutputStream().write(answer(request));
                s.getOutputStream().flush();
                s.getInputStream().read();
            } catch (Exception e) {
                if (tcp.isClosed()) {
                    return;
                }
            }
        }
    }

    private byte[] answer(SipMessage request) {
        StringBuilder head = new StringBuilder("\r\n");
        for (String name : new String[]{"Via", "From", "To", "Call-ID", "CSeq"}) {
            request.all(name).forEach(v -> head.append(name).append(": ").append(v).append("\r\n"));
        }
        head.append("Content-Length: 0\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(statusLine);
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Override
    public void close() throws Exception {
        if (udp != null) {
            udp.close();
        } else {
            tcp.close();
        }
        worker.join(2000);
    }
}
