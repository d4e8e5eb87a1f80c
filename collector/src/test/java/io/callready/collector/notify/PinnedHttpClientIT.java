package io.callready.collector.notify;

import io.callready.collector.notify.ssrf.UrlGuard;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The delivery HTTP client against real loopback sockets: it connects to the checked address only, within its time bounds. */
class PinnedHttpClientIT {

    @Test
    void theConnectionGoesToTheCheckedAddressWithoutAnotherLookup() throws Exception {
        try (ServerSocket server = loopbackServer()) {
            Thread.ofVirtual().start(() -> answer(server, "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"));
            // A name that can never resolve: the client must use the address it is given.
            UrlGuard.Target target = new UrlGuard.Target(URI.create("http://pinned.invalid:" + server.getLocalPort() + "/hook"),
                    "pinned.invalid", server.getLocalPort(), false, InetAddress.getLoopbackAddress());
            PinnedHttpClient.Reply reply = new PinnedHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5))
                    .post(target, Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(reply.status()).isEqualTo(204);
        }
    }

    @Test
    void aReceiverThatTricklesItsAnswerIsCutOffByTheRequestTimeout() throws Exception {
        try (ServerSocket server = loopbackServer()) {
            Thread.ofVirtual().start(() -> trickle(server));
            UrlGuard.Target target = new UrlGuard.Target(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/hook"),
                    "127.0.0.1", server.getLocalPort(), false, InetAddress.getLoopbackAddress());
            // Each byte comes well within the read timeout; only the whole-request bound can end this.
            PinnedHttpClient client = new PinnedHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(1500));
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.post(target, Map.of(), "{}".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(SocketTimeoutException.class).hasMessageContaining("callready.notify.request-timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1400), Duration.ofSeconds(15));
        }
    }

    private static ServerSocket loopbackServer() throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return server;
    }

    private static void answer(ServerSocket server, String response) {
        try (Socket s = server.accept()) {
            readRequestHead(s.getInputStream());
            s.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            // The test's assertion reports what the client saw.
        }
    }

    private static void trickle(ServerSocket server) {
        try (Socket s = server.accept()) {
            readRequestHead(s.getInputStream());
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < 100; i++) {
                out.write('H');
                out.flush();
                Thread.sleep(200);
            }
        } catch (IOException | InterruptedException e) {
            // The client gave up and closed the connection, as it should.
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        for (int b; matched < end.length && (b = in.read()) >= 0; ) {
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }
}
