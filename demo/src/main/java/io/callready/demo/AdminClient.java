package io.callready.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.wire.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The collector's admin and read API, as the demo uses it. */
final class AdminClient {
    private final ObjectMapper json = Json.newMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String adminToken;

    AdminClient(URI base, String adminToken) {
        this.base = base;
        this.adminToken = adminToken;
    }

    /** Answers whether {@code /q/health/ready} says UP. */
    static boolean ready(URI base) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            var r = http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Finds a customer by name or creates it; returns its id. */
    String customer(String name) throws IOException, InterruptedException {
        return findByName(get("/api/v1/customers"), name)
                .orElseGet(() -> post("/api/v1/customers", Map.of("name", name)).path("id").asText());
    }

    String site(String customerId, String name) throws IOException, InterruptedException {
        return findByName(get("/api/v1/customers/" + customerId + "/sites"), name)
                .orElseGet(() -> post("/api/v1/customers/" + customerId + "/sites", Map.of("name", name)).path("id").asText());
    }

    boolean agentExists(String siteId, String agentId) throws IOException, InterruptedException {
        for (JsonNode a : get("/api/v1/sites/" + siteId + "/agents")) {
            if (agentId.equals(a.path("id").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Creates an agent and returns the collector's answer, which holds the only copy of its token. */
    JsonNode createAgent(String siteId, String name) {
        return post("/api/v1/sites/" + siteId + "/agents", Map.of("name", name));
    }

    /** A one-time enrollment code for the site; {@code callready agent enroll} exchanges it for the agent's token. */
    String enrollmentCode(String siteId) {
        return post("/api/v1/sites/" + siteId + "/enrollment-codes", Map.of("ttl", "10m")).path("code").asText();
    }

    /** Sets the customer's central probe plan, which every agent of the customer pulls. */
    void putCustomerPlan(String customerId, Object plan) {
        send("PUT", "/api/v1/customers/" + customerId + "/plan", plan);
    }

    JsonNode results(String siteId, Instant from) throws IOException, InterruptedException {
        return get("/api/v1/sites/" + siteId + "/results?from=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8));
    }

    /** The site's stored QoS assessment, or empty while the collector's qos-advice job has not assessed it yet (404). */
    Optional<JsonNode> qosAdvice(String siteId) throws IOException, InterruptedException {
        String path = "/api/v1/sites/" + siteId + "/qos-advice";
        HttpResponse<String> r = http.send(authorized(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 404 ? Optional.empty() : Optional.of(read(r, path));
    }

    private static Optional<String> findByName(JsonNode list, String name) {
        for (JsonNode n : list) {
            if (name.equals(n.path("name").asText())) {
                return Optional.of(n.path("id").asText());
            }
        }
        return Optional.empty();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        var req = authorized(path).GET().build();
        return read(http.send(req, HttpResponse.BodyHandlers.ofString()), path);
    }

    private JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    private JsonNode send(String method, String path, Object body) {
        try {
            var req = authorized(path).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
            return read(http.send(req, HttpResponse.BodyHandlers.ofString()), path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + adminToken).header("Accept", "application/json");
    }

    private JsonNode read(HttpResponse<String> r, String path) throws IOException {
        if (r.statusCode() / 100 != 2) {
            throw new IOException("collector answered " + r.statusCode() + " to " + path + ": " + r.body());
        }
        return json.readTree(r.body());
    }
}
