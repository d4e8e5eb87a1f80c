package io.callready.collector.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.callready.collector.support.Api;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultRules;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Thousands of random ingest bodies from a fixed seed ({@code -Dcallready.fuzz.seed=N} and
 * {@code -Dcallready.fuzz.cases=N} to change): never a 5xx, every refusal a problem document, and every row that
 * was stored passes {@link ResultRules} when read back from PostgreSQL; no result id is stored twice.
 */
@QuarkusTest
class IngestFuzzIT {
    private static final long DEFAULT_SEED = 20261201L;
    private static final int DEFAULT_CASES = 3000;

    @Inject
    AgroalDataSource db;
    @Inject
    ObjectMapper mapper;

    @Test
    void randomBodiesNeverGet5xxAndNothingStoredBreaksTheRules() throws Exception {
        long seed = Long.getLong("callready.fuzz.seed", DEFAULT_SEED);
        int cases = Integer.getInteger("callready.fuzz.cases", DEFAULT_CASES);
        Api.TestTenant tenant = Api.newTenant();
        Instant start = Instant.now();
        FuzzBodies bodies = new FuzzBodies(new Random(seed), tenant.agentId().toString(), start, new ArrayList<>());
        URI ingest = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/results");
        int stored = 0;
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < cases; i++) {
                byte[] body = bodies.next();
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(ingest)
                        .header("Authorization", "Bearer " + tenant.token()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (status >= 500 || (status != 200 && !type.startsWith("application/problem+json"))) {
                    fail("fuzz seed " + seed + " case " + i + ": " + status + " " + type + " " + response.body()
                            + "\nbody: " + new String(body, 0, Math.min(body.length, 4000), StandardCharsets.UTF_8));
                }
                if (status == 200) {
                    stored += mapper.readTree(response.body()).get("accepted").asInt();
                }
            }
        }
        List<String> broken = brokenRows(tenant, start);
        assertThat(broken).as("fuzz seed %d: stored rows that break the rules", seed).isEmpty();
        assertThat(stored).as("fuzz seed %d stored enough results to check", seed).isGreaterThan(cases / 10);
        assertThat(rowsOf(tenant)).isEqualTo(stored);
        assertThat(idsStoredTwice()).as("fuzz seed %d", seed).isZero();
    }

    /** Every stored row of the tenant, read back and checked as the collector checked it at ingest. */
    private List<String> brokenRows(Api.TestTenant tenant, Instant start) throws Exception {
        ResultRules.Window sinceStart = new ResultRules.Window(
                ResultRules.Window.DEFAULT.maxAge().plus(Duration.between(start, Instant.now())).plusMinutes(1),
                ResultRules.Window.DEFAULT.maxAhead());
        List<String> broken = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("""
                SELECT result_id, agent_id, kind, target, started_at, duration_ms, status, reason, metrics::text, labels::text,
                       details::text FROM results WHERE site_id = ?""")) {
            q.setObject(1, tenant.siteId());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ObjectNode row = mapper.createObjectNode()
                            .put("id", rs.getString(1)).put("agentId", rs.getString(2)).put("kind", rs.getString(3))
                            .put("target", rs.getString(4)).put("startedAt", rs.getObject(5, OffsetDateTime.class).toInstant().toString())
                            .put("durationMs", rs.getLong(6)).put("status", rs.getString(7)).put("reason", rs.getString(8));
                    row.set("metrics", mapper.readTree(rs.getString(9)));
                    row.set("labels", mapper.readTree(rs.getString(10)));
                    row.set("details", rs.getString(11) == null ? null : mapper.readTree(rs.getString(11)));
                    List<ResultRules.Violation> v = ResultRules.check(mapper.treeToValue(row, ProbeResult.class), start, sinceStart);
                    if (!v.isEmpty()) {
                        broken.add(rs.getString(1) + " " + v);
                    }
                }
            }
        }
        return broken;
    }

    private int rowsOf(Api.TestTenant tenant) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("SELECT count(*) FROM results WHERE site_id = ?")) {
            q.setObject(1, tenant.siteId());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private int idsStoredTwice() throws Exception {
        try (Connection c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM (SELECT result_id FROM results GROUP BY result_id HAVING count(*) > 1) twice")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
