package io.callready.agent.plan;

import io.callready.agent.schedule.ProbeScheduler;
import io.callready.wire.plan.ProbePlan;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Asks the collector for the agent's plan every {@code collector.plan_poll_interval} (the first time at once) and
 * hands a changed plan to the scheduler, so a plan edited centrally takes effect without a restart. A central plan
 * without probes means "none set centrally": the local plan from the config file runs. When the collector cannot be
 * reached, whatever plan runs keeps running. Each plan the collector sends is kept on disk ({@link PlanStore}); an
 * agent starts with the kept one (see {@link #startingPlan}), so it probes even when the collector is down at start.
 */
public final class PlanPoller implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PlanPoller.class.getName());

    private final PlanClient client;
    private final ProbeScheduler scheduler;
    private final ProbePlan localPlan;
    private final Duration interval;
    private final PlanStore store;
    private final Clock clock;
    private final Optional<PlanStore.Saved> kept;
    private boolean polledOnce;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("plan-poller").daemon(true).factory());
    private String lastFailure;

    /** @param kept the plan {@code store} held at start, whose ETag the client already sends */
    public PlanPoller(PlanClient client, ProbeScheduler scheduler, ProbePlan localPlan, Duration interval, PlanStore store,
                      Optional<PlanStore.Saved> kept, Clock clock) {
        this.client = client;
        this.scheduler = scheduler;
        this.localPlan = localPlan;
        this.interval = interval;
        this.store = store;
        this.kept = kept;
        this.clock = clock;
    }

    /** What to run before the first poll answers: the collector's plan kept on disk if there is one, else the local plan. */
    public static ProbePlan startingPlan(Optional<PlanStore.Saved> kept, ProbePlan localPlan) {
        return kept.map(PlanStore.Saved::plan).filter(p -> !p.probes().isEmpty()).orElse(localPlan);
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::pollOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void pollOnce() {
        try {
            PlanClient.Outcome outcome = client.poll();
            if (!polledOnce && outcome instanceof PlanClient.Failed failed) {
                sayWhatRunsWithoutTheCollector(failed.reason());
            }
            polledOnce = true;
            switch (outcome) {
                case PlanClient.Unchanged ignored -> lastFailure = null;
                case PlanClient.Changed changed -> {
                    lastFailure = null;
                    keep(changed);
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

    private void sayWhatRunsWithoutTheCollector(String reason) {
        String start = "no plan from the collector at start (" + reason + "): ";
        if (kept.isPresent() && !kept.get().plan().probes().isEmpty()) {
            PlanStore.Saved saved = kept.get();
            Duration age = Duration.between(saved.fetchedAt(), clock.instant()).withNanos(0);
            LOG.warning(start + "running the collector's plan kept on disk in " + store.file() + " ("
                    + saved.plan().probes().size() + " probes, ETag " + saved.etag() + "), fetched at " + saved.fetchedAt()
                    + ", " + age.toString().substring(2).toLowerCase(Locale.ROOT) + " ago");
        } else if (kept.isPresent()) {
            LOG.warning(start + "the plan kept on disk sets no probes centrally: running the local plan");
        } else {
            LOG.warning(start + "no plan of it kept on disk: running the local plan");
        }
    }

    private void keep(PlanClient.Changed changed) {
        try {
            store.save(changed.json(), changed.etag(), clock.instant());
        } catch (IOException | RuntimeException e) {
            LOG.warning("cannot keep the collector's plan in " + store.file() + ": " + e.getMessage()
                    + "; an agent started while the collector is down will run an older plan or the local one");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
