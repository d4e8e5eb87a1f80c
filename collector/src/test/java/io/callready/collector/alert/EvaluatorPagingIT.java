package io.callready.collector.alert;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.callready.collector.alert.EvaluatorState.cursor;
import static io.callready.collector.alert.EvaluatorState.lastEvaluated;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backlog longer than a page is read page by page: the first pass reads {@link NewResults#MAX_ROWS_PER_PASS}
 * results (and stops its cursor there), the next pass the rest, and no result between the two is lost.
 */
@QuarkusTest
class EvaluatorPagingIT {
    private static final int BACKLOG = NewResults.MAX_ROWS_PER_PASS + 2_000;

    @Inject
    AgroalDataSource db;
    @Inject
    AlertEvaluator evaluator;

    @Test
    void aBacklogIsReadPageByPageWithoutLosingAResult() throws SQLException {
        Api.TestTenant t = Api.newTenant();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant receivedFrom;
        Instant startedFrom;
        try (Connection c = db.getConnection()) {
            receivedFrom = EvaluatorState.emptyReceiptWindow(c, now.minus(Duration.ofMinutes(10)), Duration.ofMillis(BACKLOG),
                    now.minus(Duration.ofMinutes(5)));
            startedFrom = receivedFrom.minus(Duration.ofMinutes(10));
            EvaluatorState.moveCursor(c, receivedFrom.minusSeconds(1));
            EvaluatorState.insertBacklog(c, t, "paging.example", startedFrom, receivedFrom, BACKLOG);
        }
        assertThat(evaluator.evaluate()).isTrue();
        Instant pageEnd = receivedFrom.plusMillis(NewResults.MAX_ROWS_PER_PASS);
        assertThat(cursor(db)).isEqualTo(pageEnd);
        assertThat(lastEvaluated(db, t.siteId())).isEqualTo(startedFrom.plusMillis(NewResults.MAX_ROWS_PER_PASS));

        assertThat(evaluator.evaluate()).isTrue();
        assertThat(cursor(db)).isAfter(now.minus(Duration.ofMinutes(1)));
        assertThat(lastEvaluated(db, t.siteId())).isEqualTo(startedFrom.plusMillis(BACKLOG - 1));
    }
}
