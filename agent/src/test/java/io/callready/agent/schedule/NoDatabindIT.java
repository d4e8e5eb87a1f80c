package io.callready.agent.schedule;

import io.callready.agent.outbox.FakeCollector;
import io.callready.reflector.Reflector;
import io.callready.reflector.ReflectorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent service ({@code callready-agent run}, its own JVM) reads its config, pulls and keeps a central plan,
 * probes, queues, ships and reads the receipts without building a databind mapper (issue 15: a mapper loads the rest
 * of databind, about 4 MB of class metadata resident for the life of the service). The JVM's class-load log must
 * hold none of the classes a mapper's first use loads.
 */
class NoDatabindIT {
    private static final List<String> MAPPER_CLASSES = List.of("com.fasterxml.jackson.databind.cfg.BaseSettings ",
            "com.fasterxml.jackson.databind.ser.BeanSerializerFactory ", "com.fasterxml.jackson.databind.deser.BeanDeserializerFactory ",
            "com.fasterxml.jackson.databind.node.InternalNodeMapper ", "com.fasterxml.jackson.datatype.jsr310.JavaTimeModule ");

    @TempDir
    Path dir;

    @Test
    void theServicePathLoadsNoMapper() throws Exception {
        Path jar = Path.of("target/callready-agent-0.1.0-SNAPSHOT-all.jar");
        assertThat(jar).as("the agent's runnable jar (built in package)").isRegularFile();
        try (Reflector reflector = Reflector.start(ReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0)));
             FakeCollector collector = new FakeCollector()) {
            String reflectorAddress = "127.0.0.1:" + reflector.localAddress().getPort();
            collector.servePlan("""
                    {"probes": [{"kind": "rtp_burst", "name": "central", "reflector": "%s", "codec": "pcmu", "burst": "200ms", "interval": "1s", "dscp": 46}]}
                    """.formatted(reflectorAddress));
            Path config = dir.resolve("agent.yaml");
            Files.writeString(config, """
                    agent:
                      id: 5d0c8a4e-7f31-4a7e-9c55-1f8b6f0d2a11
                      state_dir: %s
                    collector:
                      url: %s
                      token: t0ken
                      ship_interval: 1s
                      plan_poll_interval: 1s
                    plan:
                      probes:
                        - kind: rtp_burst
                          name: local
                          reflector: %s
                          burst: 200ms
                          interval: 1s
                    """.formatted(dir.resolve("state"), collector.resultsUri().resolve("/"), reflectorAddress));
            // the second start reads the plan and the outbox the first one kept
            for (int run = 1; run <= 2; run++) {
                Path classLog = dir.resolve("classes-" + run + ".log");
                Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED", "-Xlog:class+load=info:file=" + classLog, "-jar", jar.toString(),
                        "run", "--config", config.toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("agent-" + run + ".out").toFile()).start();
                try {
                    await(() -> Files.exists(dir.resolve("state/central-plan.json")));
                    int mark = collector.received().size();
                    await(() -> collector.received().size() >= mark + 2);
                } finally {
                    agent.destroy();
                    assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
                String loaded = Files.readString(classLog, StandardCharsets.UTF_8);
                assertThat(loaded).as("the class-load log of run %d", run).contains("io.callready.agent.outbox.Shipper ")
                        .contains("io.callready.agent.plan.PlanStore ");
                for (String mapperClass : MAPPER_CLASSES) {
                    assertThat(loaded).as("run %d built a mapper on the service path", run).doesNotContain(mapperClass);
                }
            }
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
