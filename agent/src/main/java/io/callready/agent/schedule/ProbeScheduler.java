package io.callready.agent.schedule;

import io.callready.agent.outbox.Outbox;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRegistry;
import io.callready.wire.plan.ProbePlan;
import io.callready.wire.plan.ProbeSpec;
import io.callready.wire.result.ProbeResult;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs every probe of the plan every {@code interval}, the first run at once. Each probe has its own thread, so a
 * long burst never delays another probe; a run that outlasts its interval delays that probe's next run instead of
 * overlapping it. Each result is stored in the outbox before the shipper is woken, and summarised on one line.
 */
public final class ProbeScheduler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ProbeScheduler.class.getName());

    private final ProbePlan plan;
    private final ProbeRegistry registry;
    private final ProbeContext context;
    private final Outbox outbox;
    private final Runnable resultStored;
    private final PrintStream out;
    private final ScheduledExecutorService executor;
    private final List<ScheduledFuture<?>> runs = new ArrayList<>();
    private volatile boolean stopping;

    /**
     * @param resultStored called after each result is on disk (the service wakes the shipper)
     * @param out          where the one-line summaries go (stdout in service mode)
     */
    public ProbeScheduler(ProbePlan plan, ProbeRegistry registry, ProbeContext context, Outbox outbox, Runnable resultStored, PrintStream out) {
        this.plan = plan;
        this.registry = registry;
        this.context = context;
        this.outbox = outbox;
        this.resultStored = resultStored;
        this.out = out;
        this.executor = Executors.newScheduledThreadPool(Math.max(1, plan.probes().size()),
                Thread.ofPlatform().name("probe-", 1).daemon(true).factory());
    }

    public synchronized void start() {
        for (ProbeSpec spec : plan.probes()) {
            Duration interval = spec.interval();
            runs.add(executor.scheduleAtFixedRate(() -> runOnce(spec), 0, interval.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    void runOnce(ProbeSpec spec) {
        try {
            runAndStore(spec);
        } catch (RuntimeException e) {
            // an exception would cancel this probe's schedule for good
            LOG.log(Level.SEVERE, "run of probe " + spec.name() + " failed", e);
        }
    }

    private void runAndStore(ProbeSpec spec) {
        ProbeResult result = registry.run(spec, context);
        if (stopping) {
            // a run cut short by shutdown measures the shutdown, not the network
            return;
        }
        try {
            outbox.add(result);
            resultStored.run();
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot store the result of " + spec.name() + " in " + outbox.pendingDir() + ": " + e.getMessage());
        }
        out.println(RunLine.format(spec.name(), result));
        out.flush();
    }

    /** Stops scheduling and interrupts runs in progress; their partial results are discarded. */
    @Override
    public void close() {
        stopping = true;
        synchronized (this) {
            runs.forEach(r -> r.cancel(true));
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("probe runs did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
