package io.callready.agent.schedule;

import io.callready.agent.config.AgentConfig;
import io.callready.agent.outbox.Backoff;
import io.callready.agent.outbox.CollectorClient;
import io.callready.agent.outbox.CollectorHttp;
import io.callready.agent.outbox.Outbox;
import io.callready.agent.outbox.ProducedJournal;
import io.callready.agent.outbox.ResultIntake;
import io.callready.agent.outbox.Shipper;
import io.callready.agent.outbox.Sleeper;
import io.callready.agent.plan.PlanClient;
import io.callready.agent.plan.PlanPoller;
import io.callready.agent.plan.PlanStore;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRegistry;
import io.callready.agent.probe.traffic.BurstTraffic;
import io.callready.agent.probe.traffic.CounterReaders;
import io.callready.wire.result.ResultRules;

import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The agent in service mode: outbox, shipper, probe schedule and plan poller wired from the config, started and
 * stopped together.
 */
public final class AgentService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AgentService.class.getName());

    private final Outbox outbox;
    private final Shipper shipper;
    private final ResultIntake intake;
    private final ProbeScheduler scheduler;
    private final CollectorHttp http;
    private final PlanPoller planPoller;

    private AgentService(Outbox outbox, Shipper shipper, ResultIntake intake, ProbeScheduler scheduler, PlanPoller planPoller,
                         CollectorHttp http) {
        this.http = http;
        this.outbox = outbox;
        this.shipper = shipper;
        this.intake = intake;
        this.scheduler = scheduler;
        this.planPoller = planPoller;
    }

    /**
     * Opens the outbox, starts shipping what is already pending and starts every probe.
     *
     * @param token bearer token source for the collector
     * @param out   where the one-line run summaries go
     * @throws IOException when the state directory cannot be created or read
     */
    public static AgentService start(AgentConfig config, Supplier<String> token, ProbeRegistry registry, PrintStream out,
                                     String userAgent) throws IOException {
        Clock clock = Clock.systemUTC();
        Outbox outbox = Outbox.open(config.agent().stateDirPath(), Outbox.DEFAULT_MAX_PENDING_BYTES, clock);
        CollectorHttp http = new CollectorHttp(config.collector().resultsUri());
        CollectorClient client = new CollectorClient(config.collector().resultsUri(), token, clock, userAgent, http.client());
        Shipper shipper = new Shipper(outbox, client, config.collector().batchSize(), config.collector().shipInterval(),
                Sleeper.REAL, new Backoff(new SecureRandom()), config.collector().serverFailureLimit());
        ResultIntake intake = new ResultIntake(outbox, clock, ResultRules.Window.DEFAULT, ProducedJournal.in(outbox));
        PlanStore planStore = new PlanStore(config.agent().stateDirPath(), config.agent().id());
        Optional<PlanStore.Saved> kept = planStore.load();
        kept.ifPresent(k -> LOG.info("starting with the collector's plan kept on disk in " + planStore.file() + " (fetched at "
                + k.fetchedAt() + ", ETag " + k.etag() + ") until the collector answers"));
        ProbeScheduler scheduler = new ProbeScheduler(PlanPoller.startingPlan(kept, config.plan()), registry,
                new ProbeContext(config.agent().id(), clock, message -> {
                }), intake, shipper::wake, out, new BurstTraffic(new CounterReaders(config.snmpCredentials()), clock));
        if (outbox.pendingCount() > 0) {
            LOG.info(outbox.pendingCount() + " results from an earlier run are waiting in " + outbox.pendingDir());
        }
        PlanClient planClient = new PlanClient(config.collector().planUri(), token, userAgent, http.client());
        kept.ifPresent(k -> planClient.knownEtag(k.etag()));
        PlanPoller planPoller = new PlanPoller(planClient, scheduler, config.plan(), config.collector().planPollInterval(),
                planStore, kept, clock);
        shipper.start();
        scheduler.start();
        planPoller.start();
        return new AgentService(outbox, shipper, intake, scheduler, planPoller, http);
    }

    public Outbox outbox() {
        return outbox;
    }

    public ProbeScheduler scheduler() {
        return scheduler;
    }

    public Shipper shipper() {
        return shipper;
    }

    /** Stops the probes, then makes one last attempt to ship what is pending; the rest stays on disk for next time. */
    @Override
    public void close() {
        planPoller.close();
        scheduler.close();
        shipper.close();
        http.close();
        LOG.info("stopped; " + outbox.pendingCount() + " results left in " + outbox.pendingDir() + "; since start "
                + shipper.deliveredCount() + " delivered, " + (shipper.quarantinedCount() + intake.invalidCount())
                + " quarantined in " + outbox.quarantineDir() + " (" + intake.invalidCount() + " invalid before queueing), "
                + outbox.droppedCount() + " dropped at the outbox cap");
    }
}
