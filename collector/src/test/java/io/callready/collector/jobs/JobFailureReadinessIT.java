package io.callready.collector.jobs;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.alert.AlertEvaluator;
import io.callready.collector.storage.RollupJob;
import io.callready.collector.support.Api;
import io.callready.collector.support.RollupRuns;
import io.callready.collector.support.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * A job whose every run fails (here: a table it needs renamed away inside the test database) turns
 * {@code /q/health/ready} DOWN after {@code callready.jobs.failures-before-down} (3) runs, naming the job and its
 * last error without a stack trace or class name, and UP again after its next successful run.
 */
@QuarkusTest
class JobFailureReadinessIT {
    @Inject
    AgroalDataSource db;
    @Inject
    RollupJob rollups;
    @Inject
    AlertEvaluator evaluator;

    @Test
    void aRollupThatKeepsFailingTurnsReadinessDownUntilItSucceeds() throws SQLException {
        Api.TestTenant tenant = Api.newTenant();
        Api.asAgent(tenant.token()).body(Payloads.render(Payloads.ROOT.resolve("valid/minimal.json"), tenant.agentId()))
                .post("/api/v1/results").then().statusCode(200);
        rename("results_5m", "results_5m_hidden");
        try {
            rollups.refresh();
            rollups.refresh();
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            rollups.refresh();
            String body = given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                    .body("checks.name", hasItem(JobsReadiness.NAME))
                    .body("checks.find { it.name == 'background-jobs' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'background-jobs' }.data.rollup",
                            containsString("3 failed runs in a row: "))
                    .body("checks.find { it.name == 'background-jobs' }.data.rollup",
                            containsString("relation \"results_5m\" does not exist"))
                    .extract().asString();
            assertThat(body).doesNotContain("org.postgresql", "java.", "Exception", "\tat ");
        } finally {
            rename("results_5m_hidden", "results_5m");
        }
        assertThat(RollupRuns.overAllStored(rollups)).isPositive();
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'background-jobs' }.data", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void anAlertEvaluationThatKeepsFailingTurnsReadinessDownUntilItSucceeds() throws SQLException {
        rename("alert_eval_cursor", "alert_eval_cursor_hidden");
        try {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(evaluator::evaluate).isInstanceOf(RuntimeException.class);
            }
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'background-jobs' }.data.alert-evaluation",
                            containsString("relation \"alert_eval_cursor\" does not exist"))
                    .body("checks.find { it.name == 'background-jobs' }.data", not(org.hamcrest.Matchers.hasKey("rollup")));
        } finally {
            rename("alert_eval_cursor_hidden", "alert_eval_cursor");
        }
        assertThat(evaluator.evaluate()).isTrue();
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private void rename(String from, String to) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + from + " RENAME TO " + to);
        }
    }
}
