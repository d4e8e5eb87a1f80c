package io.callready.agent.schedule;

import io.callready.agent.config.AgentConfig;
import io.callready.agent.config.ConfigLoader;
import io.callready.agent.outbox.FakeCollector;
import io.callready.agent.probe.ProbeRegistry;
import io.callready.reflector.Reflector;
import io.callready.reflector.ReflectorSettings;
import io.callready.wire.plan.ProbeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** A running agent pulls its plan from a real HTTP server on loopback and switches probes without a restart. */
class PlanPollIT {
    @TempDir
    Path stateDir;

    @Test
    void centralPlanReplacesTheLocalOneWhileRunningAndEmptyCentralPlanFallsBack() throws Exception {
        try (Reflector reflector = Reflector.start(ReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0)));
             FakeCollector collector = new FakeCollector()) {
            String reflectorAddress = "127.0.0.1:" + reflector.localAddress().getPort();
            String yaml = """
                    agent:
                      id: 5d0c8a4e-7f31-4a7e-9c55-1f8b6f0d2a11
                      state_dir: %s
                    collector:
                      url: %s
                      token: t0ken
                      ship_interval: 1m
                      plan_poll_interval: 1s
                    plan:
                      probes:
                        - kind: rtp_burst
                          name: local
                          reflector: %s
                          burst: 200ms
                          interval: 1s
                    """.formatted(stateDir, collector.resultsUri().resolve("/"), reflectorAddress);
            AgentConfig config = new ConfigLoader().parse(yaml, "test.yaml");
            assertThat(config.collector().planPollInterval()).isEqualTo(Duration.ofSeconds(1));
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(lines, true, StandardCharsets.UTF_8);

            try (AgentService service = AgentService.start(config, () -> "t0ken", ProbeRegistry.standard(), out, "test")) {
                await(() -> lines.toString(StandardCharsets.UTF_8).contains(" local "));
                assertThat(names(service)).containsExactly("local");

                collector.servePlan("""
                        {"probes": [{"kind": "rtp_burst", "name": "central", "reflector": "%s", "burst": "200ms", "interval": "1s"}]}
                        """.formatted(reflectorAddress));
                await(() -> names(service).equals(List.of("central")));
                int mark = lines.size();
                await(() -> lines.toString(StandardCharsets.UTF_8).substring(mark).contains(" central "));
                await(() -> collector.planNotModified() >= 1);

                collector.servePlan("{\"probes\": [{\"kind\": \"teleport\", \"name\": \"x\"}]}");
                int requests = collector.planRequests();
                await(() -> collector.planRequests() >= requests + 2);
                assertThat(names(service)).as("a plan this agent cannot read leaves the running one alone").containsExactly("central");

                collector.servePlan("{\"probes\": []}");
                await(() -> names(service).equals(List.of("local")));
            }
        }
    }

    private static List<String> names(AgentService service) {
        return service.scheduler().plan().probes().stream().map(ProbeSpec::name).toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
