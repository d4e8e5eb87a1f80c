package io.callready.collector.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the background jobs are doing. Each run of a job reports {@link #succeeded} or {@link #failed}; a job that
 * failed {@code callready.jobs.failures-before-down} runs in a row turns readiness DOWN ({@link JobsReadiness})
 * until its next success. A row or site a job had to skip is {@link #isolated}: logged once, counted in
 * {@code callready.jobs.isolated{job}}, and not a failure of the job, so one bad row cannot take readiness down.
 * Job names: {@link #ALERT_EVALUATION}, {@link #OFFLINE_CHECK}, {@link #ROLLUP}, {@link #RETENTION}, {@link #DELIVERY}, {@link #QOS_ADVICE}.
 */
@ApplicationScoped
public class JobHealth {
    public static final String ALERT_EVALUATION = "alert-evaluation";
    public static final String OFFLINE_CHECK = "offline-check";
    public static final String ROLLUP = "rollup";
    public static final String RETENTION = "retention";
    /** The notification delivery worker. */
    public static final String DELIVERY = "delivery";
    /** The scheduled QoS assessment of sites (issue 11). */
    public static final String QOS_ADVICE = "qos-advice";

    private static final Logger LOG = Logger.getLogger(JobHealth.class);
    /** Distinct isolated rows remembered for log-once; beyond it the oldest are forgotten (and may log again). */
    private static final int REMEMBERED_ROWS = 10_000;

    /** One job's run of failures; {@code lastError} is already safe to show (see {@link JobErrors}). */
    public record Failing(String job, int consecutiveFailures, String lastError) {
    }

    @Inject
    MeterRegistry registry;
    @ConfigProperty(name = "callready.jobs.failures-before-down", defaultValue = "3")
    int failuresBeforeDown;

    private final Map<String, Failing> failures = new ConcurrentHashMap<>();
    private final Map<String, String> behind = new ConcurrentHashMap<>();
    private final Set<String> isolatedRows = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_ROWS;
        }
    }));

    public void succeeded(String job) {
        if (failures.remove(job) != null) {
            LOG.infof("Job %s succeeded again", job);
        }
    }

    /** How long a run took, as {@code callready.jobs.run{job}}: a run longer than its interval means the job falls behind. */
    public void ran(String job, Duration took) {
        Timer.builder("callready.jobs.run").description("Duration of background job runs").tag("job", job)
                .register(registry).record(took);
    }

    public void failed(String job, Throwable cause) {
        String error = JobErrors.describe(cause);
        Failing now = failures.merge(job, new Failing(job, 1, error),
                (before, latest) -> new Failing(job, before.consecutiveFailures() + 1, error));
        LOG.warnf("Job %s failed (%d in a row), will retry at its next run: %s", job, now.consecutiveFailures(), error);
        LOG.debugf(cause, "Job %s failure", job);
    }

    /**
     * A row (or site) the job skipped so the others go on. {@code rowIds} names it for an operator, e.g.
     * {@code "result_id=..., started_at=..."}; the same job and ids are logged and counted once.
     */
    public void isolated(String job, String rowIds, Throwable cause) {
        if (isolatedRows.add(job + '\u0000' + rowIds)) {
            Counter.builder("callready.jobs.isolated").description("Rows or sites a background job skipped because they could not be processed")
                    .tag("job", job).register(registry).increment();
            LOG.warnf("Job %s skipped %s: %s", job, rowIds, JobErrors.describe(cause));
            LOG.debugf(cause, "Job %s skipped %s", job, rowIds);
        }
    }

    /** A job that runs but keeps falling behind its input; named in readiness without turning it DOWN. */
    public void behind(String job, String description) {
        if (behind.put(job, description) == null) {
            LOG.warnf("Job %s is falling behind: %s", job, description);
        }
    }

    public void caughtUp(String job) {
        if (behind.remove(job) != null) {
            LOG.infof("Job %s caught up", job);
        }
    }

    /** Jobs falling behind, by name, with how far. */
    public SortedMap<String, String> behind() {
        return new TreeMap<>(behind);
    }

    /** Jobs that failed at least {@code failures-before-down} runs in a row, by name. */
    public SortedMap<String, Failing> failing() {
        SortedMap<String, Failing> out = new TreeMap<>();
        failures.forEach((job, f) -> {
            if (f.consecutiveFailures() >= failuresBeforeDown) {
                out.put(job, f);
            }
        });
        return out;
    }
}
