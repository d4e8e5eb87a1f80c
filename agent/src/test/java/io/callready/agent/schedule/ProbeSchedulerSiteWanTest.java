package io.callready.agent.schedule;

import io.callready.agent.outbox.Outbox;
import io.callready.agent.outbox.ProducedJournal;
import io.callready.agent.outbox.ResultIntake;
import io.callready.agent.probe.Probe;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRegistry;
import io.callready.agent.probe.ProbeRun;
import io.callready.wire.plan.NatBehaviourSpec;
import io.callready.wire.plan.ProbePlan;
import io.callready.wire.plan.ProbeSpec;
import io.callready.wire.plan.SnmpVersion;
import io.callready.wire.plan.TrafficSource;
import io.callready.wire.plan.WanTrafficSpec;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultRules;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler hands each run the plan's first SNMP wan_traffic: the router nat_behaviour asks for its own WAN address. */
class ProbeSchedulerSiteWanTest {
    private static final WanTrafficSpec LOCAL = new WanTrafficSpec("wan-local", null, TrafficSource.LOCAL, null, null, null, null, null,
            null, null, null, "lo", null);
    private static final WanTrafficSpec ROUTER = new WanTrafficSpec("wan-router", null, TrafficSource.SNMP, "192.168.1.1", null,
            SnmpVersion.V2C, "router", "wan0", null, null, null, null, null);
    private static final NatBehaviourSpec NAT = new NatBehaviourSpec("nat", null, "203.0.113.10:3478", 0, null);

    @TempDir
    Path state;

    /** Stands in for nat_behaviour: records the context it ran with. */
    private record Capture(CompletableFuture<ProbeContext> seen) implements Probe<NatBehaviourSpec> {
        @Override
        public ProbeKind kind() {
            return ProbeKind.NAT_BEHAVIOUR;
        }

        @Override
        public String target(NatBehaviourSpec spec) {
            return spec.server();
        }

        @Override
        public ProbeResult run(NatBehaviourSpec spec, ProbeContext context) {
            seen.complete(context);
            return new ProbeRun(kind(), target(spec), context).finish(ResultStatus.FAILED, "not measured here");
        }
    }

    /** Lets only the nat probe run: the wan_traffic specs are plan entries, their probe is not the subject. */
    private static final class Idle implements Probe<WanTrafficSpec> {
        @Override
        public ProbeKind kind() {
            return ProbeKind.WAN_TRAFFIC;
        }

        @Override
        public String target(WanTrafficSpec spec) {
            return spec.name();
        }

        @Override
        public ProbeResult run(WanTrafficSpec spec, ProbeContext context) {
            return new ProbeRun(kind(), target(spec), context).finish(ResultStatus.FAILED, "not measured here");
        }
    }

    private Optional<WanTrafficSpec> siteWanOf(List<ProbeSpec> probes) throws Exception {
        Capture capture = new Capture(new CompletableFuture<>());
        ProbeRegistry registry = new ProbeRegistry().register(NatBehaviourSpec.class, capture).register(WanTrafficSpec.class, new Idle());
        Outbox outbox = Outbox.open(state.resolve(Integer.toString(probes.size())), Outbox.DEFAULT_MAX_PENDING_BYTES, Clock.systemUTC());
        ResultIntake intake = new ResultIntake(outbox, Clock.systemUTC(), ResultRules.Window.DEFAULT, ProducedJournal.in(outbox));
        try (ProbeScheduler scheduler = new ProbeScheduler(new ProbePlan(probes), registry, ProbeContext.quiet("5d0c8a4e-7f31-4a7e-9c55-1f8b6f0d2a11"),
                intake, () -> { }, new PrintStream(OutputStream.nullOutputStream()))) {
            scheduler.start();
            return capture.seen().get(10, TimeUnit.SECONDS).siteWan();
        }
    }

    @Test
    void theFirstSnmpWanTrafficIsTheRouterAndALocalOneIsNot() throws Exception {
        assertThat(siteWanOf(List.of(LOCAL, ROUTER, NAT))).contains(ROUTER);
        assertThat(siteWanOf(List.of(LOCAL, NAT))).isEmpty();
    }
}
