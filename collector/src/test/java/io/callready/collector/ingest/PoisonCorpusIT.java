package io.callready.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.callready.collector.alert.AlertEvaluator;
import io.callready.collector.storage.RollupJob;
import io.callready.collector.support.Api;
import io.callready.collector.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One file per result that once broke the collector or was stored although impossible (issue 9): each is refused
 * with its expected status and field, alone and among valid results (which are stored); after each case another
 * tenant's alert still fires and the rollups still run.
 */
@QuarkusTest
class PoisonCorpusIT {
    static final Path CORPUS = Path.of("src/test/resources/ingest/poison");
    /** {{ahead:S}} / {{ago:S}}: the collector clock plus / minus S seconds. */
    static final Pattern RELATIVE = Pattern.compile("\\{\\{(ahead|ago):(\\d+)}}");

    @Inject
    TestClock clock;
    @Inject
    AlertEvaluator evaluator;
    @Inject
    RollupJob rollups;
    @Inject
    AgroalDataSource db;
    @Inject
    ObjectMapper mapper;

    private Api.TestTenant poisoner;
    private JobsStillRun jobs;

    @BeforeEach
    void start() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        poisoner = Api.newTenant();
        jobs = new JobsStillRun(clock, evaluator, rollups, db);
    }

    @AfterEach
    void stop() {
        clock.useSystemTime();
    }

    @TestFactory
    Stream<DynamicTest> everyPoisonResultIsRefusedAndHarmsNoJob() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(CORPUS)) {
            files = listed.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(30);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String name = file.getFileName().toString();
            JsonNode poisonCase = mapper.readTree(Files.readString(file, StandardCharsets.UTF_8));
            int expectStatus = poisonCase.get("expectStatus").asInt();
            String expectField = poisonCase.get("expectField").asText();

            ObjectNode alone = render(poisonCase.get("result"));
            Response answer = post(List.of(alone));
            assertThat(answer.statusCode()).as(name + ": " + answer.asString()).isEqualTo(expectStatus);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.<List<String>>path("errors.field")).as(name).anySatisfy(f -> assertNames(f, expectField));
            assertThat(answer.<Integer>path("rejected[0].index")).isZero();
            assertThat(answer.<List<String>>path("rejected[0].errors.field")).anySatisfy(f -> assertNames(f, expectField));
            assertThat(answer.asString()).doesNotContain("Exception").doesNotContain("io.callready");
            assertThat(rowsWithId(alone.get("id").asText())).isZero();
            jobs.check(name + " alone");

            ObjectNode poison = render(poisonCase.get("result"));
            ObjectNode before = valid();
            ObjectNode after = valid();
            Response mixed = post(List.of(before, poison, after));
            assertThat(mixed.statusCode()).as(name + " mixed: " + mixed.asString()).isEqualTo(200);
            assertThat(mixed.<Integer>path("accepted")).isEqualTo(2);
            assertThat(mixed.<List<Integer>>path("rejected.index")).containsExactly(1);
            assertThat(mixed.<String>path("rejected[0].id")).isEqualTo(poison.get("id").asText());
            assertThat(mixed.<List<String>>path("rejected[0].errors.field"))
                    .anySatisfy(f -> assertNames(f, expectField.replace("results[0]", "results[1]")));
            assertThat(rowsWithId(before.get("id").asText())).isEqualTo(1);
            assertThat(rowsWithId(after.get("id").asText())).isEqualTo(1);
            assertThat(rowsWithId(poison.get("id").asText())).isZero();
            jobs.check(name + " in a mixed batch");
        }));
    }

    /** Exactly the field, or a place inside it (details.n.n...). */
    private static void assertNames(String field, String expected) {
        assertThat(field.equals(expected) || field.startsWith(expected + ".") || field.startsWith(expected + "["))
                .as("%s names %s", field, expected).isTrue();
    }

    private ObjectNode render(JsonNode template) throws IOException {
        Instant now = clock.instant();
        String text = mapper.writeValueAsString(template)
                .replace("{{uuid}}", UUID.randomUUID().toString())
                .replace("{{agentId}}", poisoner.agentId().toString())
                .replace("{{startedAt}}", now.minusSeconds(60).toString());
        text = RELATIVE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                ("ahead".equals(m.group(1)) ? now.plusSeconds(Long.parseLong(m.group(2))) : now.minusSeconds(Long.parseLong(m.group(2)))).toString()));
        return (ObjectNode) mapper.readTree(text);
    }

    private ObjectNode valid() {
        return mapper.valueToTree(Map.of("id", UUID.randomUUID().toString(), "agentId", poisoner.agentId().toString(),
                "kind", "stamp", "target", "reflector.example.net:862", "startedAt", clock.instant().minusSeconds(30).toString(),
                "durationMs", 2000, "status", "ok", "reason", "measured", "metrics", Map.of("rtt_ms", 14.5, "loss_round_trip_ratio", 0.0)));
    }

    private Response post(List<ObjectNode> results) {
        return Api.asAgent(poisoner.token()).body(Map.of("results", results)).post("/api/v1/results");
    }

    private int rowsWithId(String id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("SELECT count(*) FROM results WHERE result_id = ?::uuid")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
