package io.callready.agent.schedule;

import io.callready.agent.config.AgentConfig;
import io.callready.agent.config.ConfigLoader;
import io.callready.agent.outbox.FakeCollector;
import io.callready.agent.probe.ProbeRegistry;
import io.callready.reflector.Reflector;
import io.callready.reflector.ReflectorSettings;
import io.callready.wire.result.ProbeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AgentServiceIT {
    @TempDir
    Path stateDir;

    @Test
    void runsProbesOnScheduleShipsResultsAndFlushesOnClose() throws Exception {
        try (Reflector reflector = Reflector.start(ReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0)));
             FakeCollector collector = new FakeCollector()) {
            String yaml = """
                    agent:
                      id: 5d0c8a4e-7f31-4a7e-9c55-1f8b6f0d2a11
                      state_dir: %s
                    collector:
                      url: %s
                      token: t0ken
                      ship_interval: 1m
                    plan:
                      probes:
                        - kind: rtp_burst
                          name: loopback
                          reflector: 127.0.0.1:%d
                          burst: 500ms
                          interval: 1s
                    """.formatted(stateDir, collector.resultsUri().resolve("/"), reflector.localAddress().getPort());
            AgentConfig config = new ConfigLoader().parse(yaml, "test.yaml");
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(lines, true, StandardCharsets.UTF_8);

            AgentService service = AgentService.start(config, () -> "t0ken", ProbeRegistry.standard(), out, "test");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (shipped(collector).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            service.close();

            List<ProbeResult> shipped = shipped(collector);
            assertThat(shipped).hasSizeGreaterThanOrEqualTo(2);
            assertThat(shipped).allSatisfy(r -> assertThat(r.agentId()).isEqualTo("5d0c8a4e-7f31-4a7e-9c55-1f8b6f0d2a11"));
            assertThat(shipped.stream().map(ProbeResult::id).distinct().count()).isEqualTo(shipped.size());
            assertThat(service.outbox().pendingCount()).isZero();
            assertThat(collector.received()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer t0ken"));
            String[] printed = lines.toString(StandardCharsets.UTF_8).split("\n");
            assertThat(printed).hasSizeGreaterThanOrEqualTo(2);
            assertThat(printed[0]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ rtp_burst loopback 127\\.0\\.0\\.1:\\d+ ok mos=\\d\\.\\d\\d r=\\d+\\.\\d "
                    + "rtt=\\d+\\.\\dms jitter=\\d+\\.\\d\\d/\\d+\\.\\d\\dms loss=0\\.000/0\\.000");
        }
    }

    private static List<ProbeResult> shipped(FakeCollector collector) {
        return collector.received().stream().flatMap(r -> r.batch().results().stream()).toList();
    }
}
