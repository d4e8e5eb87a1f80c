package io.callready.collector.notify;

import io.callready.collector.notify.ssrf.UrlGuard;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A one-request HTTP/1.1 POST to the address the SSRF guard checked, never to a fresh DNS answer. TLS still
 * verifies the certificate against the URL's host name (SNI set). Redirects are never followed: a 3xx is just
 * a status. The response body is kept only as a short excerpt for the delivery record.
 */
public final class PinnedHttpClient {
    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int MAX_BODY_EXCERPT = 2000;

    /** Status, headers (names in lower case) and the start of the body. */
    public record Reply(int status, Map<String, String> headers, String bodyExcerpt) {
    }

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration requestTimeout;

    /**
     * @param readTimeout    longest silence while waiting for the answer
     * @param requestTimeout longest whole exchange (connect, TLS, request, answer), so a receiver that trickles
     *                       its answer byte by byte cannot hold the channel either
     */
    public PinnedHttpClient(Duration connectTimeout, Duration readTimeout, Duration requestTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.requestTimeout = requestTimeout;
    }

    public Reply post(UrlGuard.Target target, Map<String, String> headers, byte[] body) throws IOException {
        Socket plain = new Socket();
        AtomicBoolean expired = new AtomicBoolean();
        Thread watchdog = closeWhenDue(plain, expired);
        try (Socket socket = open(plain, target)) {
            OutputStream out = socket.getOutputStream();
            out.write(requestHead(target, headers, body.length).getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            if (expired.get()) {
                throw new SocketTimeoutException("no complete answer within " + requestTimeout + " (callready.notify.request-timeout)");
            }
            throw e;
        } finally {
            watchdog.interrupt();
        }
    }

    private Thread closeWhenDue(Socket socket, AtomicBoolean expired) {
        return Thread.ofVirtual().name("notify-request-timeout").start(() -> {
            try {
                Thread.sleep(requestTimeout);
            } catch (InterruptedException e) {
                return; // the exchange ended in time
            }
            expired.set(true);
            try {
                socket.close();
            } catch (IOException e) {
                // Closing is all the watchdog does; the blocked call then fails and reports the timeout.
            }
        });
    }

    private Socket open(Socket plain, UrlGuard.Target target) throws IOException {
        try {
            plain.connect(new InetSocketAddress(target.address(), target.port()), (int) connectTimeout.toMillis());
            plain.setSoTimeout((int) readTimeout.toMillis());
            if (!target.https()) {
                return plain;
            }
            SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(plain, target.host(), target.port(), true);
            SSLParameters params = tls.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            // SNI carries host names only; an IPv4 literal URL's host is exactly its checked address.
            if (!target.host().startsWith("[") && !target.host().equals(target.address().getHostAddress())) {
                params.setServerNames(List.of(new SNIHostName(target.host())));
            }
            tls.setSSLParameters(params);
            tls.startHandshake();
            return tls;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static String requestHead(UrlGuard.Target target, Map<String, String> headers, int length) {
        String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty() ? "/" : target.uri().getRawPath();
        if (target.uri().getRawQuery() != null) {
            path += "?" + target.uri().getRawQuery();
        }
        boolean defaultPort = target.port() == (target.https() ? 443 : 80);
        StringBuilder head = new StringBuilder()
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.host()).append(defaultPort ? "" : ":" + target.port()).append("\r\n")
                .append("User-Agent: CallReady-collector\r\n")
                .append("Content-Length: ").append(length).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString();
    }

    static Reply read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + statusLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int total = statusLine.length();
        for (String h; !(h = line(in)).isEmpty(); ) {
            total += h.length();
            if (total > MAX_HEADER_BYTES) {
                throw new IOException("response headers larger than " + MAX_HEADER_BYTES + " bytes");
            }
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
            }
        }
        return new Reply(status, headers, excerpt(in, headers));
    }

    private static String excerpt(InputStream in, Map<String, String> headers) throws IOException {
        int limit = MAX_BODY_EXCERPT;
        String length = headers.get("content-length");
        if (length != null) {
            try {
                limit = (int) Math.min(limit, Long.parseLong(length));
            } catch (NumberFormatException e) {
                return "";
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buf = new byte[512];
        try {
            for (int n; body.size() < limit && (n = in.read(buf, 0, Math.min(buf.length, limit - body.size()))) > 0; ) {
                body.write(buf, 0, n);
            }
        } catch (IOException e) {
            // The status already arrived; a body cut short only shortens the excerpt.
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("connection closed before the response was complete");
            }
            if (line.size() >= MAX_HEADER_BYTES) {
                throw new IOException("response header line too long");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
