package io.callready.collector.jobs;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class JobHealthTest {
    private final JobHealth health = new JobHealth();

    JobHealthTest() {
        health.registry = new SimpleMeterRegistry();
        health.failuresBeforeDown = 3;
    }

    @Test
    void aJobIsFailingAfterNConsecutiveFailuresAndRecoversWithOneSuccess() {
        health.failed(JobHealth.ROLLUP, new SQLException("relation \"results\" does not exist"));
        health.failed(JobHealth.ROLLUP, new SQLException("relation \"results\" does not exist"));
        assertThat(health.failing()).isEmpty();
        health.failed(JobHealth.ROLLUP, new IllegalStateException("rollup failed", new SQLException("permission denied for table results")));
        assertThat(health.failing()).containsOnlyKeys(JobHealth.ROLLUP);
        assertThat(health.failing().get(JobHealth.ROLLUP).consecutiveFailures()).isEqualTo(3);
        assertThat(health.failing().get(JobHealth.ROLLUP).lastError()).isEqualTo("rollup failed: permission denied for table results");

        health.succeeded(JobHealth.ROLLUP);
        assertThat(health.failing()).isEmpty();
        health.failed(JobHealth.ROLLUP, new SQLException("again"));
        assertThat(health.failing()).as("the count starts again after a success").isEmpty();
    }

    @Test
    void aSuccessOfOneJobDoesNotClearAnother() {
        for (int i = 0; i < 3; i++) {
            health.failed(JobHealth.RETENTION, new SQLException("disk full"));
        }
        health.succeeded(JobHealth.ROLLUP);
        assertThat(health.failing()).containsOnlyKeys(JobHealth.RETENTION);
    }

    @Test
    void anIsolatedRowIsCountedOnceAndIsNotAFailure() {
        for (int i = 0; i < 5; i++) {
            health.isolated(JobHealth.ALERT_EVALUATION, "result_id=r1", new ArithmeticException("long overflow"));
        }
        health.isolated(JobHealth.ALERT_EVALUATION, "result_id=r2", new ArithmeticException("long overflow"));
        assertThat(health.registry.get("callready.jobs.isolated").tag("job", JobHealth.ALERT_EVALUATION).counter().count()).isEqualTo(2.0);
        assertThat(health.failing()).isEmpty();
    }

    @Test
    void errorsShowNoClassNamesNorLineBreaks() {
        String text = JobErrors.describe(new IllegalStateException("pass failed",
                new NullPointerException("Cannot invoke \"java.lang.String.length()\" because \"io.callready.collector.Foo.bar\" is null\n  at x")));
        assertThat(text).doesNotContain("java.lang", "io.callready", "\n").startsWith("pass failed: Cannot invoke");
        assertThat(JobErrors.describe(new RuntimeException((String) null))).isEqualTo("unexpected error");
    }
}
