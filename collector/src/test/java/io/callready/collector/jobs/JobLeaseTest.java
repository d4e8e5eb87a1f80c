package io.callready.collector.jobs;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The job intervals as the settings write them (Quarkus scheduler syntax) become the lease's durations. */
class JobLeaseTest {
    @Test
    void readsTheSchedulerForms() {
        assertThat(JobLease.interval("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(JobLease.interval("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(JobLease.interval(" 60s ")).isEqualTo(Duration.ofSeconds(60));
        assertThat(JobLease.interval("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(JobLease.interval("PT90S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(JobLease.interval("0.5s")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void offIsNoInterval() {
        assertThat(JobLease.intervalUnlessOff(" Off ")).isEmpty();
        assertThat(JobLease.intervalUnlessOff("15m")).contains(Duration.ofMinutes(15));
        assertThatThrownBy(() -> JobLease.intervalUnlessOff("never")).isInstanceOf(java.time.format.DateTimeParseException.class);
    }

    @Test
    void refusesWhatIsNoInterval() {
        assertThatThrownBy(() -> JobLease.interval("hourly")).isInstanceOf(java.time.format.DateTimeParseException.class);
    }
}
