package io.callready.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobRunsTest {
    private static final String SCRAPE = """
            # HELP callready_jobs_run_seconds Duration of background job runs
            # TYPE callready_jobs_run_seconds summary
            callready_jobs_run_seconds_count{job="alert-evaluation"} 12.0
            callready_jobs_run_seconds_sum{job="alert-evaluation"} 30.5
            callready_jobs_run_seconds_count{job="rollup"} 2.0
            callready_jobs_run_seconds_sum{job="rollup"} 48.25
            # HELP callready_jobs_run_seconds_max Duration of background job runs
            # TYPE callready_jobs_run_seconds_max gauge
            callready_jobs_run_seconds_max{job="alert-evaluation"} 4.5
            callready_jobs_run_seconds_max{job="rollup"} 40.0
            callready_jobs_isolated_total{job="rollup"} 1.0
            http_server_requests_seconds_max{method="POST",outcome="SUCCESS",status="200",uri="/api/v1/results"} 0.8
            """;

    @Test
    void readsRunsTotalAndLongestPerJob() {
        JobRuns runs = JobRuns.parse(SCRAPE);
        assertThat(runs.job("alert-evaluation")).isEqualTo(new JobRuns.Job(12, 30.5, 4.5));
        assertThat(runs.job("rollup")).isEqualTo(new JobRuns.Job(2, 48.25, 40.0));
        assertThat(runs.job("retention")).isEqualTo(new JobRuns.Job(0, 0, 0));
    }

    @Test
    void aLaterScrapeKeepsTheLongestRunAfterTheTimerForgotIt() {
        JobRuns later = JobRuns.parse("""
                callready_jobs_run_seconds_count{job="rollup"} 3.0
                callready_jobs_run_seconds_sum{job="rollup"} 49.0
                callready_jobs_run_seconds_max{job="rollup"} 0.75
                callready_jobs_run_seconds_count{job="offline-check"} 1.0
                callready_jobs_run_seconds_sum{job="offline-check"} 0.01
                callready_jobs_run_seconds_max{job="offline-check"} 0.01
                """);
        JobRuns merged = JobRuns.parse(SCRAPE).merge(later);
        assertThat(merged.job("rollup")).isEqualTo(new JobRuns.Job(3, 49.0, 40.0));
        assertThat(merged.job("alert-evaluation")).isEqualTo(new JobRuns.Job(12, 30.5, 4.5));
        assertThat(merged.job("offline-check")).isEqualTo(new JobRuns.Job(1, 0.01, 0.01));
        assertThat(JobRuns.none().merge(merged).job("rollup")).isEqualTo(new JobRuns.Job(3, 49.0, 40.0));
    }
}
