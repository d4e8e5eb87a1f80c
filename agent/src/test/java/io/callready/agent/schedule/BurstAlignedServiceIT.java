package io.callready.agent.schedule;

import io.callready.agent.config.AgentConfig;
import io.callready.agent.config.ConfigLoader;
import io.callready.agent.outbox.FakeCollector;
import io.callready.agent.probe.ProbeRegistry;
import io.callready.reflector.Reflector;
import io.callready.reflector.ReflectorSettings;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeKind;
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

/** The agent in service mode with a wan_traffic probe (local source, lo): its series ships, and every burst carries wan_*. */
class BurstAlignedServiceIT {
    @TempDir
    Path stateDir;

    @Test
    void theServiceShipsTheSeriesAndBurstsWithTheirWanTraffic() throws Exception {
        try (Reflector reflector = Reflector.start(ReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0)));
             FakeCollector collector = new FakeCollector()) {
            String yaml = """
                    agent:
                      id: 5d0c8a4e-7f31-4a7e-9c55-1f8b6f0d2a11
                      state_dir: %s
                    collector:
                      url: %s
                      token: t0ken
                      ship_interval: 1s
                    plan:
                      probes:
                        - kind: rtp_burst
                          name: loopback
                          reflector: 127.0.0.1:%d
                          burst: 500ms
                          interval: 1s
                        - kind: wan_traffic
                          name: wan
                          source: local
                          interface: lo
                          interval: 1s
                          lineRate:
                            upBps: 1000000000
                            downBps: 1000000000
                    """.formatted(stateDir, collector.resultsUri().resolve("/"), reflector.localAddress().getPort());
            AgentConfig config = new ConfigLoader().parse(yaml, "test.yaml");
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(lines, true, StandardCharsets.UTF_8);
            AgentService service = AgentService.start(config, () -> "t0ken", ProbeRegistry.standard(config.snmpCredentials()), out, "test");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while ((count(collector, ProbeKind.RTP_BURST) < 2 || count(collector, ProbeKind.WAN_TRAFFIC) < 2) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            service.close();

            List<ProbeResult> bursts = shipped(collector, ProbeKind.RTP_BURST);
            List<ProbeResult> series = shipped(collector, ProbeKind.WAN_TRAFFIC);
            assertThat(bursts).as(lines.toString(StandardCharsets.UTF_8)).hasSizeGreaterThanOrEqualTo(2).allSatisfy(b -> {
                assertThat(b.metrics()).containsKeys(MetricNames.WAN_UP_BPS, MetricNames.WAN_DOWN_BPS, MetricNames.WAN_UP_UTILISATION_PCT,
                        MetricNames.WAN_DOWN_UTILISATION_PCT);
                // at least the burst's own RTP: 25 packets of 200 octets (PCMU 20 ms + IP/UDP) in about a second
                assertThat(b.metrics().get(MetricNames.WAN_UP_BPS)).isGreaterThan(25 * 200 * 8 / 2.0);
                assertThat(b.labels()).containsEntry(MetricNames.LABEL_WAN_LINE_RATE_SOURCE, "contracted");
            });
            assertThat(series).hasSizeGreaterThanOrEqualTo(2).allSatisfy(w -> {
                assertThat(w.target()).isEqualTo("local:lo");
                assertThat(w.metrics()).containsKeys(MetricNames.UP_BPS, MetricNames.DOWN_BPS, MetricNames.SAMPLE_MS);
                assertThat(w.labels()).containsEntry("source", "local").containsEntry("interval", "1s");
            });
            // consecutive samples tile time: each starts where the previous one ended (within the scheduler's jitter)
            ProbeResult first = series.get(0);
            ProbeResult second = series.get(1);
            assertThat(Duration.between(first.startedAt().plusMillis(first.durationMs()), second.startedAt()).abs())
                    .isLessThan(Duration.ofMillis(100));
            assertThat(lines.toString(StandardCharsets.UTF_8)).containsPattern("wan_traffic wan local:lo ok traffic=\\d+\\.\\d{3}/\\d+\\.\\d{3}Mbit/s")
                    .containsPattern("rtp_burst loopback \\S+ ok .* wan=\\d+\\.\\d{3}/\\d+\\.\\d{3}Mbit/s");
        }
    }

    private static long count(FakeCollector collector, ProbeKind kind) {
        return shipped(collector, kind).size();
    }

    private static List<ProbeResult> shipped(FakeCollector collector, ProbeKind kind) {
        return collector.received().stream().flatMap(r -> r.batch().results().stream()).filter(r -> r.kind() == kind).toList();
    }
}
