package io.callready.collector.alert;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.callready.collector.alert.EvaluatorState.cursor;
import static io.callready.collector.alert.EvaluatorState.lastEvaluated;
import static io.callready.collector.alert.EvaluatorState.utc;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The evaluator's cursor and lag (issue 15). A pass that caught up moves the cursor to the receipt horizon (about
 * now), not 30 s back, so the next pass does not read 30 s of ingest again; a result whose transaction was still open
 * during a pass is evaluated by a later one; a backlog shows as {@code callready_alerts_evaluation_lag_seconds}, and
 * after three passes beyond {@code lag-bound} readiness names the lag while staying UP, until a pass catches up.
 */
@QuarkusTest
class EvaluationCursorIT {
    @Inject
    AgroalDataSource db;
    @Inject
    AlertEvaluator evaluator;

    @Test
    void aCaughtUpPassMovesTheCursorToTheHorizonAndAnInFlightResultIsStillEvaluated() throws SQLException {
        Api.TestTenant t = Api.newTenant();
        assertThat(evaluator.evaluate()).isTrue();
        Instant before = databaseNow();
        assertThat(evaluator.evaluate()).isTrue();
        // The horizon's margin is 1 s; the old fixed overlap left the cursor 30 s back.
        assertThat(cursor(db)).isAfter(before.minusSeconds(5));

        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (Connection ingest = db.getConnection()) {
            ingest.setAutoCommit(false);
            Instant receivedAt = insert(ingest, t, started);
            assertThat(evaluator.evaluate()).isTrue();
            assertThat(cursor(db)).as("the cursor stays behind a transaction in flight").isBefore(receivedAt);
            ingest.commit();
        }
        assertThat(evaluator.evaluate()).isTrue();
        assertThat(lastEvaluated(db, t.siteId())).isEqualTo(started);
    }

    @Test
    void aBacklogShowsAsLagAndReadinessNamesItWhileStayingUp() throws SQLException {
        Api.TestTenant t = Api.newTenant();
        Instant receivedFrom = databaseNow().minus(Duration.ofMinutes(10));
        try (Connection c = db.getConnection()) {
            EvaluatorState.moveCursor(c, receivedFrom.minusSeconds(1));
            EvaluatorState.insertBacklog(c, t, "lag.example", receivedFrom.minus(Duration.ofMinutes(10)), receivedFrom,
                    EvaluationLag.PASSES_BEFORE_REPORTED * NewResults.MAX_ROWS_PER_PASS + 500);
        }
        for (int pass = 1; pass < EvaluationLag.PASSES_BEFORE_REPORTED; pass++) {
            assertThat(evaluator.evaluate()).isTrue();
        }
        assertThat(lagSeconds()).as("a page 10 min behind").isGreaterThan(500);
        given().get("/q/health/ready").then().body("checks.find { it.name == 'background-jobs' }.data.'alert-evaluation-lag'", nullValue());

        assertThat(evaluator.evaluate()).isTrue();
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'background-jobs' }.data.'alert-evaluation-lag'",
                        containsString("s behind the newest results after 3 passes beyond 10 s"));

        assertThat(evaluator.evaluate()).isTrue();
        assertThat(lagSeconds()).as("caught up").isLessThan(10);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'background-jobs' }.data.'alert-evaluation-lag'", nullValue());
    }

    /** Stores one result in the caller's open transaction; returns its receipt time (the transaction's start). */
    private static Instant insert(Connection c, Api.TestTenant t, Instant started) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason,
                                     duration_ms, metrics)
                VALUES (?, ?, ?, ?, ?, 'rtp_burst', 'cursor.example', 'ok', '', 1000, '{"mos": 4.4}') RETURNING received_at""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, utc(started));
            insert.setObject(3, t.customerId());
            insert.setObject(4, t.siteId());
            insert.setObject(5, t.agentId());
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }

    private static double lagSeconds() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("callready_alerts_evaluation_lag_seconds"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
    }

    private Instant databaseNow() throws SQLException {
        return EvaluatorState.instant(db, "SELECT clock_timestamp()", null);
    }
}
