package io.callready.agent.outbox;

import io.callready.wire.json.ResultJson;
import io.callready.wire.result.ProbeResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/** POSTs result batches to {@code <collector>/api/v1/results} as gzip-compressed JSON with a bearer token. */
public final class CollectorClient {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_BODY_CHARS = 64 * 1024;

    private final URI resultsUri;
    private final Supplier<String> token;
    private final Clock clock;
    private final HttpClient http;
    private final String userAgent;
    private final RefusalParser refusals = new RefusalParser();

    /** @param token supplies the bearer token per request, so a rotated token file is picked up */
    public CollectorClient(URI resultsUri, Supplier<String> token, Clock clock, String userAgent) {
        this(resultsUri, token, clock, userAgent, CollectorHttp.newClient().build());
    }

    /** @param http the agent's shared collector client ({@link CollectorHttp}) */
    public CollectorClient(URI resultsUri, Supplier<String> token, Clock clock, String userAgent, HttpClient http) {
        this.resultsUri = resultsUri;
        this.token = token;
        this.clock = clock;
        this.userAgent = userAgent;
        this.http = http;
    }

    public DeliveryOutcome send(List<ProbeResult> results) {
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(resultsUri)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Content-Encoding", "gzip")
                    .header("Accept", "application/json")
                    .header("Authorization", "Bearer " + token.get())
                    .header("User-Agent", userAgent)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(ResultJson.writeBatch(results))))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return new DeliveryOutcome.Retry("collector " + resultsUri + " unreachable: " + e, Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryOutcome.Retry("interrupted", Optional.empty());
        }
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant());
        if (status >= 200 && status < 300) {
            return new DeliveryOutcome.Accepted(status, refusals.parse(body).orElse(List.of()));
        }
        if (status == 401 || status == 403) {
            // A wrong or revoked token is fixed by re-enrolling; the results must wait for that, not be written off.
            return new DeliveryOutcome.Retry("collector refused the agent token (HTTP " + status
                    + "); results stay queued until the agent is enrolled again", Optional.empty());
        }
        if (status >= 300 && status < 400 || status == 404 || status == 405) {
            // the address is wrong, not the results: splitting the batch would only set good results aside
            return new DeliveryOutcome.Retry("collector answered HTTP " + status + " at " + resultsUri
                    + (status < 400 ? " (redirect to " + response.headers().firstValue("Location").orElse("(no Location)") + ")" : "")
                    + "; point collector.url at the collector; results stay queued", Optional.empty());
        }
        if (status == 408 || status == 429 || status == 503 || status == 504 || status >= 500 && retryAfter.isPresent()) {
            return new DeliveryOutcome.Retry("collector answered HTTP " + status, retryAfter);
        }
        if (status >= 500) {
            return new DeliveryOutcome.ServerFailed(status, clip(body));
        }
        Optional<List<DeliveryOutcome.RefusedResult>> named = refusals.parse(body);
        if (named.isPresent() && !named.get().isEmpty()) {
            return new DeliveryOutcome.ResultsRefused(status, named.get(), clip(body));
        }
        return new DeliveryOutcome.BatchRefused(status, clip(body));
    }

    private static String clip(String body) {
        return body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
