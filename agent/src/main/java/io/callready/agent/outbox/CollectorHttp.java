package io.callready.agent.outbox;

import javax.net.ssl.SSLParameters;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one HTTP client an agent in service mode talks to its collector with: shipping and plan polls share its
 * connection pool, its selector thread and one worker thread (the JDK's default per client is a selector and a
 * pool that grows to a thread per request in flight: five idle threads for two requests a minute).
 * HTTP/1.1: on plain http the JDK client's default first request is an h2c upgrade, and the collector then reads
 * that request's gzip body undecoded (a 400 that would reject the agent's first batch).
 */
public final class CollectorHttp implements AutoCloseable {
    private final ExecutorService worker;
    private final HttpClient client;

    /** @param collector the collector's address; for {@code http://} the client gets no TLS context (see {@link PlainHttpOnly}) */
    public CollectorHttp(URI collector) {
        // the client's tasks only hand data on and never wait, so one thread serves both callers
        this.worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("collector-http").daemon(true).factory());
        HttpClient.Builder builder = newClient().executor(worker);
        if ("http".equalsIgnoreCase(collector.getScheme())) {
            builder.sslContext(PlainHttpOnly.CONTEXT).sslParameters(new SSLParameters());
        }
        this.client = builder.build();
    }

    /** The builder every collector client of the agent starts from. */
    static HttpClient.Builder newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CollectorClient.CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
    }

    public HttpClient client() {
        return client;
    }

    @Override
    public void close() {
        client.shutdownNow();
        worker.shutdownNow();
    }
}
