package io.callready.agent.lab.busyhour;

import io.callready.agent.config.SnmpCredentials;
import io.callready.agent.outbox.Outbox;
import io.callready.agent.outbox.ProducedJournal;
import io.callready.agent.outbox.ResultIntake;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRegistry;
import io.callready.agent.probe.traffic.BurstTraffic;
import io.callready.agent.probe.traffic.CounterReaders;
import io.callready.agent.schedule.ProbeScheduler;
import io.callready.wire.Json;
import io.callready.wire.plan.ProbePlan;
import io.callready.wire.result.ResultRules;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The agent's own scheduler and outbox, run inside the lab's site namespace for a bounded time: every probe of the
 * plan on its interval, each result checked by the collector's rules and queued in {@code STATE-DIR}, where the test
 * reads them afterwards. No collector and no shipper: the test is the collector. The SNMP credentials are the lab
 * router's, as an agent's local config would hold them: v2c as {@value BusyHourLab#CREDENTIALS_V2C}, v3 authPriv
 * (SHA-256, AES-128) as {@value BusyHourLab#CREDENTIALS_V3}.
 *
 * <p>usage: {@code SiteAgentMain PLAN.json STATE-DIR SECONDS}
 */
public final class SiteAgentMain {
    static final String READY = "site agent scheduling";

    private SiteAgentMain() {
    }

    public static void main(String[] args) throws Exception {
        ProbePlan plan = Json.newMapper().readValue(Path.of(args[0]).toFile(), ProbePlan.class);
        Outbox outbox = Outbox.open(Path.of(args[1]));
        long seconds = Long.parseLong(args[2]);
        ResultIntake intake = new ResultIntake(outbox, Clock.systemUTC(), ResultRules.Window.DEFAULT, ProducedJournal.in(outbox));
        Map<String, SnmpCredentials> credentials = Map.of(
                BusyHourLab.CREDENTIALS_V2C, new SnmpCredentials(BusyHourLab.COMMUNITY, null, null, null, null, null),
                BusyHourLab.CREDENTIALS_V3, new SnmpCredentials(null, BusyHourLab.V3_USER, SnmpCredentials.AuthProtocol.SHA256,
                        BusyHourLab.V3_AUTH, SnmpCredentials.PrivProtocol.AES128, BusyHourLab.V3_PRIV));
        try (ProbeScheduler scheduler = new ProbeScheduler(plan, ProbeRegistry.standard(credentials), ProbeContext.quiet("lab-site-agent"),
                intake, () -> { }, System.out, new BurstTraffic(new CounterReaders(credentials), Clock.systemUTC()))) {
            scheduler.start();
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(seconds * 1000);
        }
        System.out.println("site agent stopped; invalid results: " + intake.invalidCount());
        System.exit(intake.invalidCount() == 0 ? 0 : 3);
    }
}
