package io.callready.agent.plan;

import io.callready.agent.schedule.ProbeScheduler;
import io.callready.wire.plan.ProbePlan;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Asks the collector for the agent's plan every {@code collector.plan_poll_interval} (the first time at once) and
 * hands a changed plan to the scheduler, so a plan edited centrally takes effect without a restart. A central plan
 * without probes means "none set centrally": the local plan from the config file runs. When the collector cannot be
 * reached, whatever plan runs keeps running.
 */
public final class PlanPoller implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PlanPoller.class.getName());

    private final PlanClient client;
    private final ProbeScheduler scheduler;
    private final ProbePlan localPlan;
    private final Duration interval;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("plan-poller").daemon(true).factory());
    private String lastFailure;

    public PlanPoller(PlanClient client, ProbeScheduler scheduler, ProbePlan localPlan, Duration interval) {
        this.client = client;
        this.scheduler = scheduler;
        this.localPlan = localPlan;
        this.interval = interval;
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::pollOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void pollOnce() {
        try {
            switch (client.poll()) {
                case PlanClient.Unchanged ignored -> lastFailure = null;
                case PlanClient.Changed changed -> {
                    lastFailure = null;
                    boolean central = !changed.plan().probes().isEmpty();
                    ProbeScheduler.Change change = scheduler.apply(central ? changed.plan() : localPlan);
                    if (change.any()) {
                        LOG.info("applied the " + (central ? "collector's plan " + changed.etag() : "local plan (none set on the collector)")
                                + ": " + change.started() + " started, " + change.restarted() + " restarted, "
                                + change.stopped() + " stopped, " + change.unchanged() + " unchanged");
                    }
                }
                case PlanClient.Failed failed -> {
                    // said once per streak, not at every poll of a long outage
                    if (!failed.reason().equals(lastFailure)) {
                        LOG.warning("plan not updated: " + failed.reason() + "; the current plan keeps running");
                    }
                    lastFailure = failed.reason();
                }
            }
        } catch (RuntimeException e) {
            LOG.warning("plan poll failed: " + e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
