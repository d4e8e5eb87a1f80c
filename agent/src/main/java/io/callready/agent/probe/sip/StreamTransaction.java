package io.callready.agent.probe.sip;

import io.callready.wire.plan.SipTransport;
import io.callready.wire.sip.MalformedSipException;
import io.callready.wire.sip.SipMessage;
import io.callready.wire.sip.SipStreamReader;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * One request over TCP or TLS: connect (timed), TLS handshake (timed, certificate inspected but not enforced),
 * send, then read messages framed by Content-Length until the final response or the timeout.
 */
public final class StreamTransaction {
    private StreamTransaction() {
    }

    /**
     * @param sniName       server name to send in the TLS ClientHello (the dialled domain), or null
     * @param canonicalName name the target's address record belongs to, for explaining a certificate mismatch
     */
    public static Exchange run(InetSocketAddress to, SipTransport transport, Function<InetSocketAddress, SipMessage> build,
                               Duration timeout, TlsInspector inspector, String sniName, String canonicalName) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long connectMs;
        long tlsMs = -1;
        TlsFacts tls = null;
        try (Socket plain = new Socket()) {
            try {
                plain.connect(to, (int) Math.max(1, timeout.toMillis()));
            } catch (SocketTimeoutException e) {
                return Exchange.failed("connect", "tcp connect to " + SipRequests.hostPort(to) + " timed out after "
                        + timeout.toMillis() + " ms (filtered?)", -1, -1, null, null);
            } catch (IOException e) {
                return Exchange.failed("connect", "tcp connect to " + SipRequests.hostPort(to) + " failed: " + e.getMessage(), -1, -1, null, null);
            }
            connectMs = (System.nanoTime() - start) / 1_000_000;
            InetSocketAddress local = (InetSocketAddress) plain.getLocalSocketAddress();
            Socket socket = plain;
            if (transport == SipTransport.TLS) {
                long tlsStart = System.nanoTime();
                SSLSocket ssl;
                try {
                    ssl = (SSLSocket) TlsInspector.acceptingContext().getSocketFactory()
                            .createSocket(plain, to.getAddress().getHostAddress(), to.getPort(), false);
                    if (sniName != null && !new SipUri(false, sniName, null, null).numericHost()) {
                        SSLParameters params = ssl.getSSLParameters();
                        params.setServerNames(List.of(new SNIHostName(sniName)));
                        ssl.setSSLParameters(params);
                    }
                    ssl.setSoTimeout(remainingMs(deadline));
                    ssl.startHandshake();
                } catch (IOException e) {
                    return Exchange.failed("tls", "TLS handshake with " + SipRequests.hostPort(to) + " failed: " + e.getMessage(),
                            connectMs, -1, local, null);
                } catch (GeneralSecurityException e) {
                    return Exchange.failed("tls", "cannot set up TLS: " + e.getMessage(), connectMs, -1, local, null);
                } catch (IllegalArgumentException e) {
                    return Exchange.failed("tls", "cannot use " + sniName + " as TLS server name: " + e.getMessage(), connectMs, -1, local, null);
                }
                tlsMs = (System.nanoTime() - tlsStart) / 1_000_000;
                tls = inspector.inspect(ssl.getSession(), sniName == null ? to.getAddress().getHostAddress() : sniName, canonicalName);
                socket = ssl;
            }
            SipMessage request = build.apply(local);
            String branch = ViaParams.branchOf(request);
            long sent = System.nanoTime();
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request.encode());
                out.flush();
                SipStreamReader reader = new SipStreamReader(socket.getInputStream());
                int provisional = 0;
                while (true) {
                    socket.setSoTimeout(remainingMs(deadline));
                    SipMessage response = SipMessage.parse(reader.next());
                    if (!response.isResponse() || !branch.equals(ViaParams.of(response).branch())) {
                        continue;
                    }
                    if (response.statusCode() < 0) {
                        return new Exchange("response", StatusLine.noStatusCode(response), connectMs, tlsMs, -1, 0, null, provisional, local, tls);
                    }
                    if (response.statusCode() < 200) {
                        provisional = response.statusCode();
                        continue;
                    }
                    return new Exchange(null, null, connectMs, tlsMs, (System.nanoTime() - sent) / 1_000_000, 0, response,
                            provisional, local, tls);
                }
            } catch (SocketTimeoutException | TimeoutReached e) {
                return new Exchange("timeout", "no final response within " + timeout.toMillis() + " ms", connectMs, tlsMs, -1, 0,
                        null, 0, local, tls);
            } catch (EOFException e) {
                return new Exchange("response", "server closed the connection without a final response", connectMs, tlsMs, -1, 0,
                        null, 0, local, tls);
            } catch (MalformedSipException e) {
                return new Exchange("response", "unreadable response: " + e.getMessage(), connectMs, tlsMs, -1, 0, null, 0, local, tls);
            } catch (IOException e) {
                return new Exchange("response", "connection failed after connect: " + e.getMessage(), connectMs, tlsMs, -1, 0,
                        null, 0, local, tls);
            }
        } catch (IOException e) {
            return Exchange.failed("connect", "tcp socket error: " + e.getMessage(), -1, -1, null, null);
        }
    }

    private static int remainingMs(long deadline) throws TimeoutReached {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new TimeoutReached();
        }
        return (int) ms;
    }

    private static final class TimeoutReached extends IOException {
    }
}
