package io.callready.collector.jobs;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are one row's (skip it, go on) and which are the job's own (fail the run, count towards DOWN). */
class RowIsolationTest {
    @Test
    void dataAndConstraintErrorsAndJavaExceptionsAreTheRowsProblem() {
        assertThat(RowIsolation.isRowProblem(new SQLException("value out of range: overflow", "22003"))).isTrue();
        assertThat(RowIsolation.isRowProblem(new SQLException("timestamp out of range", "22008"))).isTrue();
        assertThat(RowIsolation.isRowProblem(new SQLException("violates check constraint", "23514"))).isTrue();
        assertThat(RowIsolation.isRowProblem(new ArithmeticException("long overflow"))).isTrue();
        assertThat(RowIsolation.isRowProblem(new IllegalStateException("wrapped", new SQLException("overflow", "22003")))).isTrue();
    }

    @Test
    void schemaConnectionAndPrivilegeErrorsAreTheJobsProblem() {
        assertThat(RowIsolation.isRowProblem(new SQLException("relation \"results_5m\" does not exist", "42P01"))).isFalse();
        assertThat(RowIsolation.isRowProblem(new SQLException("permission denied for table results", "42501"))).isFalse();
        assertThat(RowIsolation.isRowProblem(new SQLException("connection refused", "08001"))).isFalse();
        assertThat(RowIsolation.isRowProblem(new SQLException("no state"))).isFalse();
        assertThat(RowIsolation.isRowProblem(new IllegalStateException("reading thresholds", new SQLException("gone", "08006")))).isFalse();
    }
}
