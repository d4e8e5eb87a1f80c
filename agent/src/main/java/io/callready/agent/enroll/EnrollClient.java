package io.callready.agent.enroll;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.wire.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** POSTs an enrollment code to {@code <collector>/api/v1/enroll}. */
public final class EnrollClient {
    private final ObjectMapper json = Json.newMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI enrollUri;
    private final String userAgent;

    /** Why the collector did not enroll us; {@code refused} means asking again with the same code will not help. */
    public static final class EnrollException extends Exception {
        private final boolean refused;

        EnrollException(String message, boolean refused) {
            super(message);
            this.refused = refused;
        }

        public boolean refused() {
            return refused;
        }
    }

    public EnrollClient(URI collectorBase, String userAgent) {
        String base = collectorBase.toString();
        this.enrollUri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/enroll");
        this.userAgent = userAgent;
    }

    public Enrollment enroll(String code, String name) throws EnrollException, InterruptedException {
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(enrollUri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .header("User-Agent", userAgent)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(Map.of("code", code, "name", name))))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EnrollException("cannot reach the collector at " + enrollUri + ": " + e.getMessage(), false);
        }
        int status = response.statusCode();
        if (status == 201 || status == 200) {
            try {
                Enrollment e = json.readValue(response.body(), Enrollment.class);
                if (e.id() == null || e.token() == null || e.token().isBlank()) {
                    throw new EnrollException("the collector's answer lacks the agent id or token: " + response.body(), false);
                }
                return e;
            } catch (IOException e) {
                throw new EnrollException("the collector's answer is not the expected JSON: " + e.getMessage(), false);
            }
        }
        String detail = problemDetail(response.body());
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            throw new EnrollException("the collector refused the enrollment (HTTP " + status + "): " + detail, true);
        }
        throw new EnrollException("the collector answered HTTP " + status + ": " + detail + "; try again later", false);
    }

    private String problemDetail(String body) {
        try {
            JsonNode problem = json.readTree(body);
            if (problem != null && problem.hasNonNull("detail")) {
                return problem.get("detail").asText();
            }
        } catch (IOException ignored) {
            // not a problem document; show the raw text instead
        }
        return body == null || body.isBlank() ? "(no details)" : body.length() > 500 ? body.substring(0, 500) : body;
    }
}
