package io.callready.collector.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready}: DOWN while a background job keeps failing, with one entry per such job
 * ("3 failed runs in a row: last error"), so Kubernetes and the MSP's monitoring see which job and why. A job that
 * keeps falling behind is named too ({@code "alert-evaluation-lag"}) while the check stays UP.
 */
@Readiness
@ApplicationScoped
public class JobsReadiness implements HealthCheck {
    static final String NAME = "background-jobs";

    @Inject
    JobHealth health;

    @Override
    public HealthCheckResponse call() {
        var failing = health.failing();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(failing.isEmpty());
        failing.forEach((job, f) -> response.withData(job, f.consecutiveFailures() + " failed runs in a row: " + f.lastError()));
        health.behind().forEach((job, lag) -> response.withData(job + "-lag", lag));
        return response.build();
    }
}
