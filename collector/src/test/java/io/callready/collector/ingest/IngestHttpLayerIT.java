package io.callready.collector.ingest;

import io.callready.collector.support.Api;
import io.callready.collector.support.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Faults the HTTP layer sees before any result is read: each a 4xx problem+json, never a closed connection or a bare status. */
@QuarkusTest
class IngestHttpLayerIT {
    private Api.TestTenant tenant;

    @BeforeEach
    void enroll() {
        tenant = Api.newTenant();
    }

    @Test
    void gzipDeclaredButPlainJsonSentIs400NamingBody() throws Exception {
        byte[] plain = valid();
        HttpResponse<String> response = post(plain, "gzip", "");
        assertProblem(response, 400);
        assertThat(response.body()).contains("\"field\":\"body\"").contains("gzip");
    }

    @Test
    void gzipThatBreaksOffMidStreamIs400NamingBody() throws Exception {
        byte[] gz = gzip(valid());
        byte[] broken = Arrays.copyOf(gz, gz.length / 2);
        Arrays.fill(broken, 12, broken.length, (byte) 0x5a);
        HttpResponse<String> response = post(broken, "gzip", "");
        assertProblem(response, 400);
        assertThat(response.body()).contains("\"field\":\"body\"");
    }

    /** The inflated string sits inside a result, where the JSON reader wraps read errors; still 413, not 400. */
    @Test
    void gzipThatInflatesPastTheLimitInsideAValueIs413() throws Exception {
        String head = "{\"results\":[{\"reason\":\"";
        byte[] inflated = new byte[12 * 1024 * 1024];
        Arrays.fill(inflated, (byte) 'x');
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, inflated, 0, head.length());
        assertProblem(post(gzip(inflated), "gzip", ""), 413);
    }

    @Test
    void unknownContentEncodingIs415() throws Exception {
        assertProblem(post(valid(), "br", ""), 415);
    }

    @Test
    void oversizedHeaderIs431Problem() throws Exception {
        HttpResponse<String> response = post(valid(), null, "x".repeat(30 * 1024));
        assertProblem(response, 431);
        assertThat(post(valid(), null, "x".repeat(1024)).statusCode()).isEqualTo(200);
    }

    @Test
    void gzipBatchIsStillAccepted() throws Exception {
        HttpResponse<String> response = post(gzip(valid()), "gzip", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"accepted\":1");
    }

    private byte[] valid() {
        return Payloads.render(Payloads.ROOT.resolve("valid/minimal.json"), tenant.agentId()).getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(byte[] body, String encoding, String bigHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/results"))
                .header("Authorization", "Bearer " + tenant.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        if (!bigHeader.isEmpty()) {
            request.header("X-Padding", bigHeader);
        }
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status).doesNotContain("Exception").doesNotContain("io.callready");
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
