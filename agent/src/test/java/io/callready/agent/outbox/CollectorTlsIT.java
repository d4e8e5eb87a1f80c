package io.callready.agent.outbox;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.callready.agent.probe.sip.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code https://} collector is checked as strictly as the JDK's default TLS context checks any server: the
 * agent's shared client ({@link CollectorHttp}) ships to a real TLS server whose certificate it trusts and whose
 * name matches, and refuses, before sending a byte of the batch, a server whose certificate is trusted but names
 * another host and one whose certificate no trusted CA signed. The default context is swapped for one that trusts
 * the test's CA the way the JDK's default trust manager trusts the CA store (issue 15 keeps this exactly as strict).
 */
class CollectorTlsIT {
    private static final Instant T0 = Instant.parse("2026-12-02T00:30:00Z");

    @TempDir
    Path dir;
    private SSLContext jdkDefault;

    @BeforeEach
    void keepTheJdksDefault() throws Exception {
        jdkDefault = SSLContext.getDefault();
    }

    @AfterEach
    void restoreTheJdksDefault() {
        SSLContext.setDefault(jdkDefault);
    }

    @Test
    void aTrustedCertificateForTheCollectorsAddressIsAccepted() throws Exception {
        Path collectorCert = TestCertificates.generate(dir, "collector", "ip:127.0.0.1");
        trustOnly(collectorCert);
        assertThat(shipTo(collectorCert)).isInstanceOf(DeliveryOutcome.Accepted.class);
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
        Path otherHost = TestCertificates.generate(dir, "other", "dns:collector.other.test");
        trustOnly(otherHost);
        assertThat(shipTo(otherHost)).isInstanceOfSatisfying(DeliveryOutcome.Retry.class,
                r -> assertThat(r.why()).contains("No subject alternative names matching IP address 127.0.0.1"));
    }

    @Test
    void aCertificateNoTrustedCaSignedIsRefused() throws Exception {
        Path trusted = TestCertificates.generate(dir, "trusted", "ip:127.0.0.1");
        Path untrusted = TestCertificates.generate(dir, "untrusted", "ip:127.0.0.1");
        trustOnly(trusted);
        assertThat(shipTo(untrusted)).isInstanceOfSatisfying(DeliveryOutcome.Retry.class,
                r -> assertThat(r.why()).contains("unable to find valid certification path"));
    }

    private static void trustOnly(Path store) throws Exception {
        SSLContext trusting = SSLContext.getInstance("TLS");
        trusting.init(null, new TrustManager[] {TestCertificates.trusting(store)}, null);
        SSLContext.setDefault(trusting);
    }

    /** Ships one result to a real https server presenting the certificate in {@code serverStore}; a refused handshake posts nothing. */
    private static DeliveryOutcome shipTo(Path serverStore) throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.serverContext(serverStore)));
        AtomicInteger posts = new AtomicInteger();
        server.createContext("/api/v1/results", exchange -> {
            posts.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"accepted\":1,\"duplicates\":0}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/results");
        try (CollectorHttp http = new CollectorHttp(uri)) {
            assertThat(http.client().sslContext()).isSameAs(SSLContext.getDefault());
            CollectorClient client = new CollectorClient(uri, () -> "t", Clock.fixed(T0, ZoneOffset.UTC), "test", http.client());
            DeliveryOutcome outcome = client.send(List.of(TestResults.result(T0)));
            assertThat(posts.get()).isEqualTo(outcome instanceof DeliveryOutcome.Accepted ? 1 : 0);
            return outcome;
        } finally {
            server.stop(0);
        }
    }
}
