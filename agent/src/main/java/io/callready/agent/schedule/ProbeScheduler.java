package io.callready.agent.schedule;

import io.callready.agent.outbox.ResultIntake;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRegistry;
import io.callready.agent.probe.traffic.BurstTraffic;
import io.callready.wire.plan.ProbePlan;
import io.callready.wire.plan.ProbeSpec;
import io.callready.wire.plan.RtpBurstSpec;
import io.callready.wire.plan.TrafficSource;
import io.callready.wire.plan.WanTrafficSpec;
import io.callready.wire.result.ProbeResult;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs every probe of the plan every {@code interval}, the first run at once. Each probe has its own thread, so a
 * long burst never delays another probe; a run that outlasts its interval delays that probe's next run instead of
 * overlapping it. Each result is checked and stored in the outbox before the shipper is woken, and summarised on one line.
 * {@link #apply} swaps in a new plan while running: only probes that were added, changed or removed are touched.
 * When the plan has a {@code wan_traffic} probe, every RTP burst runs between two reads of its counters
 * ({@link BurstTraffic}), so each burst result carries the WAN load during its own seconds; an SNMP one is also the
 * router whose own WAN address nat_behaviour compares with the public one.
 */
public final class ProbeScheduler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ProbeScheduler.class.getName());

    /** What {@link #apply} did, by probe count. */
    public record Change(int started, int restarted, int stopped, int unchanged) {
        public boolean any() {
            return started + restarted + stopped > 0;
        }
    }

    private record Running(ProbeSpec spec, ScheduledExecutorService executor) {
    }

    private final ProbeRegistry registry;
    private final ProbeContext context;
    private final ResultIntake intake;
    private final Runnable resultStored;
    private final PrintStream out;
    private final BurstTraffic burstTraffic;
    private volatile WanTrafficSpec wanTraffic;
    /** The plan's first SNMP {@code wan_traffic}: the router nat_behaviour asks for its own WAN address. */
    private volatile Optional<WanTrafficSpec> routerWan = Optional.empty();
    private final Map<String, Running> running = new LinkedHashMap<>();
    private ProbePlan plan;
    private volatile boolean stopping;

    /**
     * @param intake       checks each result and queues (or quarantines) it
     * @param resultStored called after each result is queued on disk (the service wakes the shipper)
     * @param out          where the one-line summaries go (stdout in service mode)
     */
    public ProbeScheduler(ProbePlan plan, ProbeRegistry registry, ProbeContext context, ResultIntake intake, Runnable resultStored,
                          PrintStream out) {
        this(plan, registry, context, intake, resultStored, out, null);
    }

    /** @param burstTraffic reads the site's counters around each RTP burst; null for none */
    public ProbeScheduler(ProbePlan plan, ProbeRegistry registry, ProbeContext context, ResultIntake intake, Runnable resultStored,
                          PrintStream out, BurstTraffic burstTraffic) {
        this.burstTraffic = burstTraffic;
        this.plan = plan;
        this.registry = registry;
        this.context = context;
        this.intake = intake;
        this.resultStored = resultStored;
        this.out = out;
    }

    public synchronized void start() {
        apply(plan);
    }

    public synchronized ProbePlan plan() {
        return plan;
    }

    /**
     * Makes {@code next} the running plan: probes with a new name start at once, probes whose spec changed restart
     * at once (a run in progress is cut short and discarded), removed probes stop, unchanged probes keep their rhythm.
     */
    public synchronized Change apply(ProbePlan next) {
        if (stopping) {
            return new Change(0, 0, 0, 0);
        }
        int started = 0;
        int restarted = 0;
        int stopped = 0;
        int unchanged = 0;
        // before any probe starts: a burst scheduled below may run at once
        wanTraffic = next.probes().stream().filter(WanTrafficSpec.class::isInstance).map(WanTrafficSpec.class::cast).findFirst()
                .orElse(null);
        routerWan = next.probes().stream().filter(WanTrafficSpec.class::isInstance).map(WanTrafficSpec.class::cast)
                .filter(w -> w.source() == TrafficSource.SNMP).findFirst();
        Map<String, ProbeSpec> wanted = new LinkedHashMap<>();
        next.probes().forEach(spec -> wanted.put(spec.name(), spec));
        for (var it = running.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (!wanted.containsKey(entry.getKey())) {
                stop(entry.getValue());
                it.remove();
                stopped++;
            }
        }
        for (ProbeSpec spec : wanted.values()) {
            Running current = running.get(spec.name());
            if (current != null && current.spec().equals(spec)) {
                unchanged++;
                continue;
            }
            if (current != null) {
                stop(current);
                restarted++;
            } else {
                started++;
            }
            running.put(spec.name(), schedule(spec));
        }
        plan = next;
        return new Change(started, restarted, stopped, unchanged);
    }

    private Running schedule(ProbeSpec spec) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("probe-" + spec.name()).daemon(true).factory());
        executor.scheduleAtFixedRate(() -> runOnce(spec, executor), 0, spec.interval().toMillis(), TimeUnit.MILLISECONDS);
        return new Running(spec, executor);
    }

    private static void stop(Running r) {
        r.executor().shutdownNow();
    }

    void runOnce(ProbeSpec spec, ScheduledExecutorService executor) {
        try {
            runAndStore(spec, executor);
        } catch (RuntimeException e) {
            // an exception would cancel this probe's schedule for good
            LOG.log(Level.SEVERE, "run of probe " + spec.name() + " failed", e);
        }
    }

    private void runAndStore(ProbeSpec spec, ScheduledExecutorService executor) {
        WanTrafficSpec wan = wanTraffic;
        ProbeContext runContext = context.withSiteWan(routerWan);
        ProbeResult result = spec instanceof RtpBurstSpec && wan != null && burstTraffic != null
                ? burstTraffic.around(wan, () -> registry.run(spec, runContext))
                : registry.run(spec, runContext);
        if (stopping || executor.isShutdown()) {
            // a run cut short by shutdown or a plan change measures the interruption, not the network
            return;
        }
        try {
            if (intake.take(result)) {
                resultStored.run();
            }
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot store the result of " + spec.name() + " in " + intake.outbox().pendingDir() + ": " + e.getMessage());
        }
        out.println(RunLine.format(spec.name(), result));
        out.flush();
    }

    /** Stops scheduling and interrupts runs in progress; their partial results are discarded. */
    @Override
    public void close() {
        stopping = true;
        List<Running> all;
        synchronized (this) {
            all = List.copyOf(running.values());
            running.clear();
        }
        all.forEach(ProbeScheduler::stop);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            for (Running r : all) {
                if (!r.executor().awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.warning("probe " + r.spec().name() + " did not stop within 10 s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
