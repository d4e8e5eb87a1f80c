package io.callready.agent.plan;

import io.callready.wire.json.WireJson;
import io.callready.wire.plan.ProbePlan;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/** GETs the agent's effective plan from the collector, sending the last ETag so an unchanged plan costs a 304. */
public final class PlanClient {
    /** The answer to one poll. */
    public sealed interface Outcome {
    }

    public record Unchanged() implements Outcome {
    }

    /** @param json the plan as the collector sent it, for keeping on disk */
    public record Changed(ProbePlan plan, String etag, String json) implements Outcome {
    }

    public record Failed(String reason) implements Outcome {
    }

    private final URI planUri;
    private final Supplier<String> token;
    private final String userAgent;
    private final HttpClient http;
    private volatile String etag;

    /** @param http the agent's shared collector client ({@link io.callready.agent.outbox.CollectorHttp}) */
    public PlanClient(URI planUri, Supplier<String> token, String userAgent, HttpClient http) {
        this.http = http;
        this.planUri = planUri;
        this.token = token;
        this.userAgent = userAgent;
    }

    /** Starts from the ETag of a plan kept from an earlier run, so an unchanged plan costs a 304 at once. */
    public void knownEtag(String etag) {
        this.etag = etag;
    }

    public Outcome poll() {
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(planUri).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").header("Authorization", "Bearer " + token.get())
                    .header("User-Agent", userAgent).GET();
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Failed("collector " + planUri + " unreachable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("interrupted");
        }
        return switch (response.statusCode()) {
            case 304 -> new Unchanged();
            case 200 -> parse(response);
            case 401, 403 -> new Failed("collector refused the agent token (HTTP " + response.statusCode() + ")");
            default -> new Failed("collector answered HTTP " + response.statusCode() + " for the plan");
        };
    }

    private Outcome parse(HttpResponse<String> response) {
        try {
            ProbePlan plan = WireJson.read(response.body(), ProbePlan.class);
            String newTag = response.headers().firstValue("ETag").orElse(null);
            etag = newTag;
            return new Changed(plan, newTag, response.body());
        } catch (IOException | IllegalArgumentException e) {
            // e.g. a probe kind this agent version does not know yet: keep running the current plan
            return new Failed("cannot use the collector's plan: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
