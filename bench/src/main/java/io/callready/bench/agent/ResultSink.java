package io.callready.bench.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.callready.wire.Json;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultBatch;
import io.callready.wire.result.ResultRules;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

/**
 * The collector's two agent endpoints, just enough for an agent in service mode: {@code POST /api/v1/results}
 * checks every result with the collector's own {@link ResultRules} and answers what the collector would (a 200
 * receipt, or 422 naming the first broken field), {@code GET /api/v1/agent/plan} answers 304 so the agent keeps
 * its local plan. A real HTTP server on loopback, so the agent's shipping path runs as at a site.
 */
final class ResultSink implements AutoCloseable {
    private static final ObjectMapper JSON = Json.newMapper();

    private final HttpServer server;
    private final AtomicInteger stored = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicLong firstShippedNanos = new AtomicLong();
    private final AtomicReference<Instant> firstStartedAt = new AtomicReference<>();
    private final AtomicReference<String> firstRefusal = new AtomicReference<>();

    private ResultSink(HttpServer server) {
        this.server = server;
    }

    /** @param tls the server's TLS context for an https sink, or null for plain http */
    static ResultSink start(SSLContext tls) throws IOException {
        HttpServer server;
        if (tls == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } else {
            HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        ResultSink sink = new ResultSink(server);
        server.createContext("/api/v1/results", sink::results);
        server.createContext("/api/v1/agent/plan", ex -> answer(ex, 304, ""));
        server.start();
        return sink;
    }

    /** Forgets what arrived so far (a training run's results). */
    void reset() {
        stored.set(0);
        refused.set(0);
        firstShippedNanos.set(0);
        firstStartedAt.set(null);
        firstRefusal.set(null);
    }

    URI baseUri() {
        return URI.create((server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort());
    }

    int stored() {
        return stored.get();
    }

    int refused() {
        return refused.get();
    }

    /** {@link System#nanoTime()} when the first result arrived, 0 before. */
    long firstShippedNanos() {
        return firstShippedNanos.get();
    }

    /** The first stored result's start time, null before. */
    Instant firstStartedAt() {
        return firstStartedAt.get();
    }

    String firstRefusal() {
        return firstRefusal.get();
    }

    private void results(HttpExchange ex) throws IOException {
        ResultBatch batch;
        try (InputStream raw = ex.getRequestBody();
             InputStream body = "gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding")) ? new GZIPInputStream(raw) : raw) {
            batch = JSON.readValue(body, ResultBatch.class);
        } catch (IOException e) {
            refused.incrementAndGet();
            firstRefusal.compareAndSet(null, "unreadable batch: " + e.getMessage());
            answer(ex, 400, "{\"title\":\"unreadable batch\"}");
            return;
        }
        for (ProbeResult r : batch.results()) {
            List<ResultRules.Violation> v = ResultRules.check(r, Instant.now(), ResultRules.Window.DEFAULT);
            if (!v.isEmpty()) {
                refused.incrementAndGet();
                firstRefusal.compareAndSet(null, v.getFirst().field() + ": " + v.getFirst().message());
                answer(ex, 422, "{\"title\":\"invalid result\",\"errors\":[]}");
                return;
            }
        }
        firstShippedNanos.compareAndSet(0, System.nanoTime());
        if (!batch.results().isEmpty()) {
            firstStartedAt.compareAndSet(null, batch.results().getFirst().startedAt());
        }
        stored.addAndGet(batch.results().size());
        answer(ex, 200, "{\"accepted\":" + batch.results().size() + ",\"rejected\":[]}");
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
