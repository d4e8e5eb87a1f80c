package io.callready.agent.probe.traffic;

import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRegistry;
import io.callready.reflector.Reflector;
import io.callready.reflector.ReflectorSettings;
import io.callready.wire.plan.LineRate;
import io.callready.wire.plan.RtpBurstSpec;
import io.callready.wire.plan.WanTrafficSpec;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultRules;
import io.callready.wire.result.ResultStatus;
import io.callready.wire.rtp.Codec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Burst alignment with the {@code local} source on loopback: an RTP burst to a real reflector while this test sends
 * known extra traffic on lo; the burst result's wan_up_bps must hold the burst's own packets plus that traffic.
 */
class BurstTrafficIT {
    private static final ProbeContext CONTEXT = ProbeContext.quiet("5d0c8a4e-7f31-4a7e-9c55-1f8b6f0d2a11");
    private Reflector reflector;

    @BeforeEach
    void startReflector() throws Exception {
        reflector = Reflector.start(ReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0)));
    }

    @AfterEach
    void stopReflector() {
        reflector.close();
    }

    private RtpBurstSpec burst() {
        return new RtpBurstSpec("rtp", Duration.ofMinutes(1), "127.0.0.1:" + reflector.localAddress().getPort(), Codec.PCMU, 20,
                Duration.ofSeconds(2), 46);
    }

    @Test
    void aBurstCarriesTheWanTrafficOfItsOwnSeconds() throws Exception {
        WanTrafficSpec wan = WanTrafficSpec.local("wan", Duration.ofSeconds(60), "lo", new LineRate(100_000_000L, 100_000_000L));
        BurstTraffic aligned = new BurstTraffic(new CounterReaders(Map.of()), Clock.systemUTC());
        ProbeRegistry registry = ProbeRegistry.standard();
        long extraOctets;
        long start = System.nanoTime();
        ProbeResult r;
        try (LoopbackLoad load = new LoopbackLoad()) {
            long[] sent = new long[1];
            // the extra traffic starts and ends inside the burst's counter window by construction
            r = aligned.around(wan, () -> {
                Thread extra = Thread.ofPlatform().start(() -> {
                    try {
                        sent[0] = load.send(2000, 1000);
                    } catch (Exception ignored) {
                        // the assertion on wan_up_bps fails without it
                    }
                });
                ProbeResult burst = registry.run(burst(), CONTEXT);
                try {
                    extra.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return burst;
            });
            extraOctets = sent[0];
        }
        double elapsedS = (System.nanoTime() - start) / 1e9;
        assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.OK);
        assertThat(r.labels()).doesNotContainKey(MetricNames.LABEL_WAN_TRAFFIC).containsEntry(MetricNames.LABEL_WAN_LINE_RATE_SOURCE, "contracted");
        double up = r.metrics().get(MetricNames.WAN_UP_BPS);
        // the sample is at most the whole run; the extra traffic alone is 2000 × 1228 octets = 19.6 Mbit in ≤ elapsed
        assertThat(up).isGreaterThanOrEqualTo(extraOctets * 8 / elapsedS);
        // the burst's own 100 packets of 172 + 28 octets each way are in it too, and lo's rx equals its tx
        assertThat(r.metrics().get(MetricNames.WAN_DOWN_BPS)).isCloseTo(up, org.assertj.core.data.Percentage.withPercentage(2));
        assertThat(r.metrics().get(MetricNames.WAN_UP_UTILISATION_PCT)).isCloseTo(up / 1e6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.metrics()).containsKeys(MetricNames.MOS, MetricNames.LOSS_UP_RATIO, MetricNames.WAN_DOWN_UTILISATION_PCT);
        assertThat(ResultRules.check(r, Instant.now(), ResultRules.Window.DEFAULT)).isEmpty();
    }

    @Test
    void aFailedCounterReadLeavesTheBurstAsItWas() {
        WanTrafficSpec missing = WanTrafficSpec.local("wan", Duration.ofSeconds(60), "crtr-none0", null);
        BurstTraffic aligned = new BurstTraffic(new CounterReaders(Map.of(), Path.of("/sys/class/net"), Duration.ofMillis(200), 0),
                Clock.systemUTC());
        long start = System.nanoTime();
        ProbeResult r = aligned.around(missing, () -> ProbeRegistry.standard().run(burst(), CONTEXT));
        assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.OK);
        assertThat(r.metrics()).containsKey(MetricNames.MOS).doesNotContainKeys(MetricNames.WAN_UP_BPS, MetricNames.WAN_DOWN_BPS);
        assertThat(r.labels().get(MetricNames.LABEL_WAN_TRAFFIC)).startsWith("unavailable: this host has no network interface crtr-none0");
        assertThat((System.nanoTime() - start) / 1e9).as("a 2 s burst, not delayed").isLessThan(8);
    }
}
