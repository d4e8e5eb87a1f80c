package io.callready.agent.outbox;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared collector client: plain http without the JDK's default TLS context, https with it, as before. */
class CollectorHttpIT {
    private static final Instant T0 = Instant.parse("2026-12-01T21:00:00Z");

    @Test
    void aPlainHttpCollectorIsServedWithoutBuildingTheDefaultTlsContext() throws Exception {
        try (FakeCollector collector = new FakeCollector(); CollectorHttp http = new CollectorHttp(collector.resultsUri())) {
            assertThat(http.client().sslContext()).isSameAs(PlainHttpOnly.CONTEXT);
            CollectorClient client = new CollectorClient(collector.resultsUri(), () -> "t", Clock.fixed(T0, ZoneOffset.UTC), "test", http.client());
            assertThat(client.send(List.of(TestResults.result(T0)))).isEqualTo(new DeliveryOutcome.Accepted(200, List.of()));
            assertThat(collector.received()).singleElement().satisfies(r -> assertThat(r.batch().results()).hasSize(1));
        }
    }

    @Test
    void thePlainHttpClientRefusesToTalkTls() {
        try (CollectorHttp http = new CollectorHttp(URI.create("http://127.0.0.1:9/"))) {
            HttpRequest tls = HttpRequest.newBuilder(URI.create("https://127.0.0.1:9/api/v1/results")).timeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> http.client().send(tls, HttpResponse.BodyHandlers.discarding())).isInstanceOf(Exception.class);
        }
    }

    @Test
    void anHttpsCollectorGetsTheJdksDefaultTlsContext() throws Exception {
        try (CollectorHttp http = new CollectorHttp(URI.create("https://collector.example.net/"))) {
            assertThat(http.client().sslContext()).isSameAs(SSLContext.getDefault());
        }
    }
}
