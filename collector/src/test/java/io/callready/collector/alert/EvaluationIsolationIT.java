package io.callready.collector.alert;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.jobs.JobHealth;
import io.callready.collector.support.Api;
import io.callready.collector.support.TestClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * A site whose data makes the set-based page fail (here a trigger refuses its series as a data error) is skipped
 * alone: the page is evaluated again site by site, the other site's alert fires in the same pass, the skipped site
 * is counted once however many passes meet it, and readiness is not affected.
 */
@QuarkusTest
class EvaluationIsolationIT {
    @Inject
    TestClock clock;
    @Inject
    AlertEvaluator evaluator;
    @Inject
    AgroalDataSource db;
    @Inject
    MeterRegistry registry;
    @Inject
    JobHealth health;

    @Test
    void aSiteThatBreaksThePageIsSkippedAloneAndCountedOnce() throws SQLException {
        Api.TestTenant poisoned = Api.newTenant();
        Api.TestTenant bystander = Api.newTenant();
        String target = "isolation-" + UUID.randomUUID().toString().substring(0, 8) + ".example:5004";
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        AlertTimeline timeline = new AlertTimeline(clock, evaluator);
        execute("""
                CREATE FUNCTION eval_isolation_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'refused for the test' USING ERRCODE = '22023'; END $$""");
        try {
            execute("CREATE TRIGGER eval_isolation_refuse BEFORE INSERT OR UPDATE ON alert_series FOR EACH ROW WHEN (NEW.site_id = '"
                    + poisoned.siteId() + "') EXECUTE FUNCTION eval_isolation_refuse()");
            double before = isolated();
            for (int i = 0; i < 3; i++) {
                timeline.step(Map.of(poisoned, 35.0, bystander, 35.0), target);
            }
            Api.asAdmin().get("/api/v1/customers/{c}/alerts?state=firing", bystander.customerId()).then().statusCode(200)
                    .body("$", hasSize(1)).body("[0].metric", equalTo("jitter_ms"));
            Api.asAdmin().get("/api/v1/customers/{c}/alerts?state=firing", poisoned.customerId()).then().statusCode(200)
                    .body("$", hasSize(0));
            assertThat(isolated() - before).as("the poisoned site, once over three passes").isEqualTo(1);
            assertThat(health.failing()).isEmpty();
        } finally {
            execute("DROP TRIGGER IF EXISTS eval_isolation_refuse ON alert_series");
            execute("DROP FUNCTION eval_isolation_refuse()");
            clock.useSystemTime();
        }
    }

    private double isolated() {
        Counter counter = registry.find("callready.jobs.isolated").tag("job", JobHealth.ALERT_EVALUATION).counter();
        return counter == null ? 0 : counter.count();
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
