package io.callready.agent.probe.sip;

import io.callready.wire.sip.SipMessage;
import io.callready.wire.sip.SipStreamReader;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A SIP-over-TLS server on loopback (JDK SSLServerSocket) that answers every request with a fixed status. */
final class TlsSipServer implements AutoCloseable {
    private final SSLServerSocket server;
    private final Thread thread;
    private final int status;

    TlsSipServer(SSLContext context, int status) throws IOException {
        this(context, status, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    TlsSipServer(SSLContext context, int status, InetSocketAddress bind) throws IOException {
        this.status = status;
        this.server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(bind.getPort(), 10, bind.getAddress());
        this.thread = Thread.ofPlatform().daemon(true).name("tls-sip").start(this::loop);
    }

    int port() {
        return server.getLocalPort();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }

    private void loop() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                SipMessage request = SipMessage.parse(new SipStreamReader(s.getInputStream()).next());
                List<SipMessage.Header> h = new ArrayList<>();
                for (String name : List.of("Via", "From", "To", "Call-ID", "CSeq")) {
                    request.all(name).forEach(v -> h.add(new SipMessage.Header(name, v)));
                }
                h.add(new SipMessage.Header("Content-Length", "0"));
                OutputStream out = s.getOutputStream();
                // a keepalive CRLF first, which the client must skip (RFC 5626)
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(new SipMessage("SIP/2.0 " + status + " " + (status == 200 ? "OK" : "Test"), h, new byte[0]).encode());
                out.flush();
            } catch (Exception e) {
                // one broken connection does not stop the server
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        thread.join(1000);
    }
}
