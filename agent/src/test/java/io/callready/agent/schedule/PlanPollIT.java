package io.callready.agent.schedule;

import io.callready.agent.config.AgentConfig;
import io.callready.agent.config.ConfigLoader;
import io.callready.agent.outbox.FakeCollector;
import io.callready.agent.plan.PlanPoller;
import io.callready.agent.plan.PlanStore;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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

    @Test
    void anAgentStartedWhileTheCollectorIsDownRunsThePlanKeptOnDiskAndACorruptOneFallsBackToLocal() throws Exception {
        try (Reflector reflector = Reflector.start(ReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0)))) {
            String reflectorAddress = "127.0.0.1:" + reflector.localAddress().getPort();
            FakeCollector collector = new FakeCollector();
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
            collector.servePlan("""
                    {"probes": [{"kind": "rtp_burst", "name": "central", "reflector": "%s", "burst": "200ms", "interval": "1s"}]}
                    """.formatted(reflectorAddress));
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            try (AgentService service = AgentService.start(config, () -> "t0ken", ProbeRegistry.standard(), quiet, "test")) {
                await(() -> names(service).equals(List.of("central")));
            }
            Path kept = stateDir.resolve(PlanStore.FILE);
            assertThat(kept).exists();
            collector.close();

            List<String> warnings = new ArrayList<>();
            Handler capture = handler(warnings);
            Logger.getLogger(PlanPoller.class.getName()).addHandler(capture);
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            try (AgentService service = AgentService.start(config, () -> "t0ken", ProbeRegistry.standard(),
                    new PrintStream(lines, true, StandardCharsets.UTF_8), "test")) {
                assertThat(names(service)).as("the kept plan runs from the start").containsExactly("central");
                await(() -> lines.toString(StandardCharsets.UTF_8).contains(" central "));
                await(() -> warnings.stream().anyMatch(w -> w.contains("no plan from the collector at start")));
                assertThat(warnings).anySatisfy(w -> assertThat(w).contains("running the collector's plan kept on disk",
                        kept.toString(), "ago"));
                assertThat(service.outbox().pendingCount()).as("results wait for the collector").isPositive();
            } finally {
                Logger.getLogger(PlanPoller.class.getName()).removeHandler(capture);
            }

            Files.writeString(kept, "{\"agentId\": \"5d0c8a4e-7f31-4a7e-9c55-1f8b6f0d2a11\", \"plan\": {\"probes\": [{\"kind\"");
            try (AgentService service = AgentService.start(config, () -> "t0ken", ProbeRegistry.standard(), quiet, "test")) {
                assertThat(names(service)).as("a corrupt kept plan is ignored").containsExactly("local");
            }
        }
    }

    private static Handler handler(List<String> into) {
        return new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                synchronized (into) {
                    into.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
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
