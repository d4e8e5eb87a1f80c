package io.callready.agent.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.callready.wire.Json;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultBatch;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/** A real HTTP server on loopback that answers result batches from a script and records what it got. */
public final class FakeCollector implements AutoCloseable {
    public record Reply(int status, Map<String, String> headers, String body) {
        public static Reply ok() {
            return new Reply(200, Map.of("Content-Type", "application/json"), "{\"accepted\":1,\"duplicates\":0}");
        }

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "");
        }
    }

    public record Received(String path, String authorization, String contentEncoding, ResultBatch batch, int answeredWith) {
    }

    private final HttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private Function<List<ProbeResult>, Reply> responder = batch -> Reply.ok();
    private final List<Received> received = new ArrayList<>();
    private final ObjectMapper json = Json.newMapper();
    private String planJson;
    private String planEtag;
    private int planRequests;
    private int planNotModified;

    public FakeCollector() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/agent/plan", exchange -> {
            int status;
            String body = "";
            synchronized (this) {
                planRequests++;
                if (planJson == null) {
                    status = 404;
                } else if (planEtag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    status = 304;
                    planNotModified++;
                } else {
                    status = 200;
                    body = planJson;
                    exchange.getResponseHeaders().add("ETag", planEtag);
                }
            }
            byte[] out = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readAllBytes();
            }
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            byte[] body = "gzip".equals(encoding) ? new GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes() : raw;
            Reply reply;
            synchronized (this) {
                ResultBatch batch = json.readValue(body, ResultBatch.class);
                reply = script.isEmpty() ? responder.apply(batch.results()) : script.poll();
                received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"),
                        encoding, batch, reply.status()));
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    public synchronized FakeCollector then(Reply reply) {
        script.add(reply);
        return this;
    }

    /** How batches are answered once the script is used up (by default 200). */
    public synchronized FakeCollector answerWith(Function<List<ProbeResult>, Reply> responder) {
        this.responder = responder;
        return this;
    }

    /** Serves {@code plan} at the plan endpoint from now on, with a new ETag. */
    public synchronized void servePlan(String plan) {
        planJson = plan;
        planEtag = "\"" + Integer.toHexString(plan.hashCode()) + "\"";
    }

    public synchronized int planRequests() {
        return planRequests;
    }

    public synchronized int planNotModified() {
        return planNotModified;
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    public URI resultsUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/results");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
