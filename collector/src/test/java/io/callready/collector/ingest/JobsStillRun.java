package io.callready.collector.ingest;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.alert.AlertEvaluator;
import io.callready.collector.storage.RollupJob;
import io.callready.collector.support.Api;
import io.callready.collector.support.RollupRuns;
import io.callready.collector.support.TestClock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a poison case: a bystander tenant's breach still fires an alert (evaluation passes run on the test clock)
 * and the rollups still run over what arrived. Each check uses a fresh target, so each proves a new alert fired.
 */
final class JobsStillRun {
    /** Above the default jitter critical threshold, as in AlertTimelineIT. */
    private static final double BAD_JITTER_MS = 35;
    private static final int MAX_STEPS = 8;

    private final TestClock clock;
    private final AlertEvaluator evaluator;
    private final RollupJob rollups;
    private final AgroalDataSource db;
    private final Api.TestTenant bystander;

    JobsStillRun(TestClock clock, AlertEvaluator evaluator, RollupJob rollups, AgroalDataSource db) {
        this.clock = clock;
        this.evaluator = evaluator;
        this.rollups = rollups;
        this.db = db;
        this.bystander = Api.newTenant();
    }

    void check(String afterCase) throws SQLException {
        String target = "bystander-" + UUID.randomUUID().toString().substring(0, 8) + ".example.net:5004";
        boolean firing = false;
        for (int step = 0; step < MAX_STEPS && !firing; step++) {
            postBreach(target);
            assertThat(evaluator.evaluate()).as("evaluation pass after %s", afterCase).isTrue();
            clock.advance(Duration.ofMinutes(1));
            firing = Api.asAdmin().get("/api/v1/customers/{c}/alerts?state=firing", bystander.customerId())
                    .then().statusCode(200).extract().asString().contains(target);
        }
        assertThat(firing).as("an alert fires for another tenant after %s", afterCase).isTrue();
        assertThat(RollupRuns.overAllStored(rollups)).as("rollup rows written after %s", afterCase).isPositive();
        assertThat(rollupRows(target)).as("the bystander's rollup after %s", afterCase).isPositive();
    }

    /** Three breaching samples a minute apart, ending now: enough for the default 3-of-5 rule in one pass. */
    private void postBreach(String target) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (int minutesAgo = 2; minutesAgo >= 0; minutesAgo--) {
            results.add(Map.of("id", UUID.randomUUID().toString(), "agentId", bystander.agentId().toString(),
                    "kind", "rtp_burst", "target", target, "startedAt", clock.instant().minus(Duration.ofMinutes(minutesAgo)).toString(),
                    "durationMs", 1000, "status", "degraded", "reason", "",
                    "metrics", Map.of("jitter_up_ms", BAD_JITTER_MS, "jitter_down_ms", 1.0)));
        }
        Api.asAgent(bystander.token()).body(Map.of("results", results)).post("/api/v1/results").then().statusCode(200);
    }

    private int rollupRows(String target) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM results_5m WHERE site_id = ? AND target = ?")) {
            q.setObject(1, bystander.siteId());
            q.setString(2, target);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
