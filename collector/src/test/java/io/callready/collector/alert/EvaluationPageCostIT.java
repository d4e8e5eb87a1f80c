package io.callready.collector.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluator's page copy ({@link NewResults#COPY_PAGE}) works out each watched key's value once per result: the
 * plan PostgreSQL makes for it computes the value rule of every key in one node. When the inner query was flattened
 * into the outer one, each use of a key's column repeated its rule (three per key: the value, the unusable-key list,
 * the rejected metrics), and a page of 20,000 realistic bursts cost 610–774 ms instead of 322–443 (issue 15). EXPLAIN without ANALYZE runs nothing.
 */
@QuarkusTest
class EvaluationPageCostIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

    @Test
    void eachWatchedKeysValueRuleIsWorkedOutOncePerResult() throws Exception {
        JsonNode plan;
        try (Connection c = db.getConnection();
             PreparedStatement explain = c.prepareStatement("EXPLAIN (VERBOSE, FORMAT JSON) " + NewResults.COPY_PAGE)) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            explain.setObject(1, now.plusDays(1));
            explain.setBigDecimal(2, new BigDecimal("1e308"));
            explain.setBigDecimal(3, new BigDecimal("1e-320"));
            explain.setObject(4, now);
            try (ResultSet rs = explain.executeQuery()) {
                rs.next();
                plan = JSON.readTree(rs.getString(1)).get(0).get("Plan");
            }
        }
        Map<String, Integer> rulesByKey = new LinkedHashMap<>();
        for (String key : NewResults.WATCHED) {
            rulesByKey.put(key, uses(plan, "jsonb_typeof(m." + key + ")"));
        }
        assertThat(rulesByKey).as("value rules per watched key in the plan's output lists").hasSize(NewResults.WATCHED.size())
                .allSatisfy((key, uses) -> assertThat(uses).as(key).isEqualTo(1));
    }

    /** How often the text occurs in the output lists of the node and every node below it. */
    private static int uses(JsonNode node, String text) {
        int n = 0;
        for (JsonNode output : node.path("Output")) {
            for (int at = output.asText().indexOf(text); at >= 0; at = output.asText().indexOf(text, at + 1)) {
                n++;
            }
        }
        for (JsonNode child : node.path("Plans")) {
            n += uses(child, text);
        }
        return n;
    }
}
