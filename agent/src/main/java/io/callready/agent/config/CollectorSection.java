package io.callready.agent.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.callready.wire.plan.DurationText;
import io.callready.wire.result.ResultBatch;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code collector:} — where results go.
 *
 * @param url          base URL of the collector, http or https; results are POSTed to {@code <url>/api/v1/results}
 * @param token        bearer token inline; exactly one of {@code token} and {@code token_file}
 * @param tokenFile    file holding the bearer token (read at start, surrounding whitespace ignored)
 * @param batchSize    results per request, 1..{@value ResultBatch#MAX_RESULTS}; default {@value #DEFAULT_BATCH_SIZE}
 * @param shipInterval how often the outbox is shipped when nothing new arrives; default 10s
 * @param planPollInterval how often the agent asks the collector for its central plan; default 60s
 * @param serverFailureLimit 5xx answers in a row for the same batch (and then for a lone result) before the agent
 *                           takes a result in it for poison and splits the batch (quarantines the result); default
 *                           {@value #DEFAULT_SERVER_FAILURE_LIMIT}
 */
public record CollectorSection(
        String url,
        String token,
        @JsonProperty("token_file") String tokenFile,
        @JsonProperty("batch_size") Integer batchSize,
        @JsonProperty("ship_interval")
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration shipInterval,
        @JsonProperty("plan_poll_interval")
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration planPollInterval,
        @JsonProperty("server_failure_limit") Integer serverFailureLimit) {

    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final Duration DEFAULT_SHIP_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PLAN_POLL_INTERVAL = Duration.ofSeconds(60);
    public static final int DEFAULT_SERVER_FAILURE_LIMIT = io.callready.agent.outbox.Shipper.DEFAULT_SERVER_FAILURE_LIMIT;

    public CollectorSection {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is required, e.g. https://collector.example.net");
        }
        checkUrl(url);
        if (token != null && tokenFile != null) {
            throw new IllegalArgumentException("token and token_file are both set; keep exactly one");
        }
        if (token == null && tokenFile == null) {
            throw new IllegalArgumentException("token_file or token is required (the bearer token the collector issued)");
        }
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("token must not be empty");
        }
        if (tokenFile != null && tokenFile.isBlank()) {
            throw new IllegalArgumentException("token_file must not be empty");
        }
        batchSize = batchSize == null ? DEFAULT_BATCH_SIZE : batchSize;
        if (batchSize < 1 || batchSize > ResultBatch.MAX_RESULTS) {
            throw new IllegalArgumentException("batch_size must be 1.." + ResultBatch.MAX_RESULTS + ", got " + batchSize);
        }
        shipInterval = shipInterval == null ? DEFAULT_SHIP_INTERVAL : shipInterval;
        if (shipInterval.isZero()) {
            throw new IllegalArgumentException("ship_interval must be longer than 0s");
        }
        planPollInterval = planPollInterval == null ? DEFAULT_PLAN_POLL_INTERVAL : planPollInterval;
        if (planPollInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("plan_poll_interval must be at least 1s");
        }
        serverFailureLimit = serverFailureLimit == null ? DEFAULT_SERVER_FAILURE_LIMIT : serverFailureLimit;
        if (serverFailureLimit < 1 || serverFailureLimit > 100) {
            throw new IllegalArgumentException("server_failure_limit must be 1..100, got " + serverFailureLimit);
        }
    }

    /** Throws IllegalArgumentException naming what is wrong with a collector URL. */
    public static void checkUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url '" + url + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("url must start with http:// or https://, got '" + url + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("url '" + url + "' has no host");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("url '" + url + "' must not carry a query or fragment");
        }
    }

    /** {@code <url>/api/v1/results}, whether or not the configured URL ends with a slash. */
    public URI resultsUri() {
        return api("/api/v1/results");
    }

    /** {@code <url>/api/v1/agent/plan}: the agent's effective central plan. */
    public URI planUri() {
        return api("/api/v1/agent/plan");
    }

    private URI api(String path) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return URI.create(base + path);
    }

    public Path tokenFilePath() {
        return tokenFile == null ? null : Path.of(tokenFile);
    }
}
