package io.callready.agent.probe.traffic;

import io.callready.agent.probe.ProbeContext;
import io.callready.wire.plan.WanTrafficSpec;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultRules;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The background series and the local source, over a sysfs tree this test writes. */
class WanTrafficProbeTest {
    private static final ProbeContext CONTEXT = ProbeContext.quiet("5d0c8a4e-7f31-4a7e-9c55-1f8b6f0d2a11");

    @TempDir
    Path sys;

    private void nic(String name, long rx, long tx, String operstate, String speed, int ifindex) throws IOException {
        Path dir = sys.resolve(name);
        Files.createDirectories(dir.resolve("statistics"));
        Files.writeString(dir.resolve("statistics/rx_bytes"), rx + "\n");
        Files.writeString(dir.resolve("statistics/tx_bytes"), tx + "\n");
        Files.writeString(dir.resolve("statistics/rx_dropped"), "3\n");
        Files.writeString(dir.resolve("statistics/tx_dropped"), "0\n");
        Files.writeString(dir.resolve("statistics/tx_errors"), "0\n");
        Files.writeString(dir.resolve("operstate"), operstate + "\n");
        if (speed != null) {
            Files.writeString(dir.resolve("speed"), speed + "\n");
        }
        Files.writeString(dir.resolve("ifindex"), ifindex + "\n");
    }

    private CounterReaders readers() {
        return new CounterReaders(Map.of(), sys, Duration.ofMillis(200), 0);
    }

    @Test
    void theLocalSourceReadsSysfsUpIsTx() throws Exception {
        nic("eth0", 1_000, 5_000, "up", "1000", 2);
        CounterReader.Read r = readers().forSpec(WanTrafficSpec.local(null, null, "eth0", null), java.time.Clock.systemUTC()).read();
        assertThat(r.ok()).isTrue();
        assertThat(r.snapshot().outOctets()).isEqualTo(5_000);
        assertThat(r.snapshot().inOctets()).isEqualTo(1_000);
        assertThat(r.snapshot().portSpeedBps()).isEqualTo(1_000_000_000L);
        assertThat(r.snapshot().counterBits()).isEqualTo(64);
        assertThat(r.snapshot().inDiscards()).isEqualTo(3);
        assertThat(r.snapshot().discontinuityMarker()).isEqualTo(2);
    }

    @Test
    void aNicWithoutSpeedAndLoopbackStateUnknownIsUp() throws Exception {
        nic("lo", 0, 0, "unknown", null, 1);
        CounterReader.Read r = readers().forSpec(WanTrafficSpec.local(null, null, "lo", null), java.time.Clock.systemUTC()).read();
        assertThat(r.snapshot().operUp()).isTrue();
        assertThat(r.snapshot().portSpeedBps()).isNull();
        nic("eth1", 0, 0, "up", "-1", 3);
        assertThat(readers().forSpec(WanTrafficSpec.local(null, null, "eth1", null), java.time.Clock.systemUTC()).read().snapshot()
                .portSpeedBps()).as("an unplugged NIC says -1").isNull();
    }

    @Test
    void aMissingNicFailsNamingIt() {
        CounterReader.Read r = readers().forSpec(WanTrafficSpec.local(null, null, "eth9", null), java.time.Clock.systemUTC()).read();
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.failure()).startsWith("this host has no network interface eth9");
    }

    @Test
    void consecutiveRunsTileTimeAndTheFirstWaitsForASecondRead() throws Exception {
        nic("eth0", 0, 0, "up", "100", 2);
        WanTrafficProbe probe = new WanTrafficProbe(readers());
        WanTrafficSpec spec = WanTrafficSpec.local("wan", Duration.ofSeconds(1), "eth0", null);
        // the traffic lands between the two reads by construction: the probe reports its first read, then waits
        ProbeContext writesAfterTheFirstRead = new ProbeContext(CONTEXT.agentId(), java.time.Clock.systemUTC(), line -> {
            try {
                nic("eth0", 125_000, 250_000, "up", "100", 2);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        long before = System.nanoTime();
        ProbeResult first = probe.run(spec, writesAfterTheFirstRead);
        double elapsedMs = (System.nanoTime() - before) / 1e6;
        assertThat(first.status()).as(first.reason()).isEqualTo(ResultStatus.OK);
        assertThat(first.metrics().get(MetricNames.SAMPLE_MS)).isBetween(1000.0, elapsedMs);
        // 250 000 octets up over the sample on a 100 Mbit/s port
        assertThat(first.metrics().get(MetricNames.UP_BPS) * first.metrics().get(MetricNames.SAMPLE_MS) / 8000).isCloseTo(250_000,
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(first.metrics().get(MetricNames.UP_UTILISATION_PCT)).isCloseTo(first.metrics().get(MetricNames.UP_BPS) / 1e6,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(first.labels()).containsEntry("line_rate_source", "port").containsEntry("source", "local").containsEntry("interface", "eth0");
        assertThat(first.metrics()).doesNotContainKeys(MetricNames.LINE_UP_BPS, MetricNames.LINE_DOWN_BPS);
        assertThat(ResultRules.check(first, Instant.now(), ResultRules.Window.DEFAULT)).isEmpty();

        Thread.sleep(300);
        nic("eth0", 125_000, 250_000 + 37_500, "up", "100", 2);
        ProbeResult second = probe.run(spec, CONTEXT);
        // the second sample runs from the first's last read, which came after `before`
        double sinceFirstStartedMs = (System.nanoTime() - before) / 1e6;
        assertThat(Duration.between(first.startedAt().plusMillis(first.durationMs()), second.startedAt()).abs())
                .as("starts at the first result's last read (durationMs is whole milliseconds)").isLessThan(Duration.ofMillis(3));
        assertThat(second.metrics().get(MetricNames.SAMPLE_MS)).isBetween(300.0, sinceFirstStartedMs);
        assertThat(second.metrics().get(MetricNames.UP_BPS) * second.metrics().get(MetricNames.SAMPLE_MS) / 8000).isCloseTo(37_500,
                org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void aRecreatedNicIsADiscontinuity() throws Exception {
        nic("eth0", 1_000_000, 1_000_000, "up", null, 2);
        WanTrafficProbe probe = new WanTrafficProbe(readers());
        WanTrafficSpec spec = WanTrafficSpec.local("wan", Duration.ofSeconds(1), "eth0", null);
        ProbeResult r = probe.run(spec, new ProbeContext(CONTEXT.agentId(), java.time.Clock.systemUTC(), line -> {
            try {
                nic("eth0", 10, 10, "up", null, 7);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(r.status()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(r.reason()).isEqualTo("the counters of eth0 restarted between the reads (counter discontinuity 2 → 7)");
        assertThat(r.metrics()).isEmpty();
        assertThat(ResultRules.check(r, Instant.now(), ResultRules.Window.DEFAULT)).isEmpty();
    }

    @Test
    void aNicGoingDownFailsTheSample() throws Exception {
        nic("eth0", 0, 0, "down", null, 2);
        ProbeResult r = WanTrafficProbe.sampleOnce(WanTrafficSpec.local("wan", null, "eth0", null), readers(), Duration.ofMillis(10), CONTEXT);
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.reason()).startsWith("interface eth0 is down");
        assertThat(r.target()).isEqualTo("local:eth0");
    }
}
