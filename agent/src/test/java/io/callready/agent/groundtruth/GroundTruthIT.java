package io.callready.agent.groundtruth;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.rtp.RtpBurstProbe;
import io.callready.agent.quality.CodecImpairment;
import io.callready.agent.quality.EModel;
import io.callready.reflector.Reflector;
import io.callready.reflector.ReflectorSettings;
import io.callready.wire.clock.ClockSync;
import io.callready.wire.plan.JitterBufferSpec;
import io.callready.wire.plan.RtpBurstSpec;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.rtp.Codec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

/**
 * The RTP burst probe against ground truth: agent → {@link ImpairmentRelay} → reflector, with a seeded schedule
 * of delay, drop, duplication and reordering in each direction. {@link Expectation} derives what the probe must
 * report from the schedule and the relay's record, independently of the production code; the E-model is the one
 * shared piece, and it is pinned to published vectors in {@code EModelTest}.
 *
 * <p>Tolerances: counts exact; RFC 3550 jitter within 0.1 ms; median RTT within 0.2 ms (the four loopback hops
 * are outside what the relay records); MOS within 0.02 of the E-model on the expected inputs. Every time on both
 * sides is a kernel stamp, so a stalled thread moves the expectation with the measurement. What the relay alone
 * decides (loss, duplicate and reordering counts) must hold on every run; what also depends on arrival times must
 * hold together on one of up to four runs, since a packet near a jitter-buffer edge can fall either side of it.
 */
class GroundTruthIT {
    private static final double BUFFER_MS = Scenario.BUFFER_MS;
    private static final double JITTER_TOLERANCE_MS = 0.1;
    private static final double RTT_TOLERANCE_MS = 0.2;
    private static final double MOS_TOLERANCE = 0.02;
    private static final int ATTEMPTS = 4;
    private static Reflector reflector;

    @BeforeAll
    static void startReflectorAndWarmUp() throws Exception {
        // the expected MOS uses RTT / 2 per direction: the reflector says its clock is not synchronised, whatever the
        // host's is (OneWayDelayIT covers synchronised clocks)
        reflector = Reflector.start(ReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0)), ClockSync::unsynchronised);
        // one unchecked pass first, so the relay's and the probe's hot paths are compiled before anything is timed
        run(Scenario.clean(), Duration.ofSeconds(1));
    }

    @AfterAll
    static void stopReflector() {
        reflector.close();
    }

    static List<Scenario> scenarios() {
        return Scenario.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void probeReportsWhatTheRelayDid(Scenario scenario) throws Exception {
        List<String> timingMisses = new ArrayList<>();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Outcome outcome = run(scenario, Duration.ofMillis((long) scenario.packets() * Scenario.PTIME_MS));
            assertCounts(scenario, outcome.result(), outcome.expected());
            List<String> misses = timingMisses(outcome.result(), outcome.expected());
            Map<String, Double> m = outcome.result().metrics();
            System.out.printf(Locale.ROOT, "ground truth, %s, attempt %d: measured − expected: jitter up %+.4f, jitter down %+.4f, RTT %+.4f ms%n",
                    scenario, attempt, m.get("jitter_up_ms") - outcome.expected().jitterUpMs,
                    m.get("jitter_down_ms") - outcome.expected().jitterDownMs, m.get("rtt_ms") - outcome.expected().rttMedianMs);
            if (misses.isEmpty()) {
                return;
            }
            timingMisses.add("attempt " + attempt + ": " + misses);
        }
        fail(scenario + ": timing-dependent metrics outside tolerance on every attempt: " + timingMisses);
    }

    /** What the relay decided alone (drops, copies, order): exact on every run. */
    private static void assertCounts(Scenario scenario, ProbeResult r, Expectation e) {
        Map<String, Double> m = r.metrics();
        String context = scenario + ": " + r.reason() + " " + m;
        assertThat(m.get("packets_sent_count")).as(context).isEqualTo(e.sent);
        assertThat(r.details().get("stats_received").asBoolean()).as(context).isTrue();
        assertThat(Math.round(m.get("loss_up_ratio") * e.sent)).as("upstream losses, " + context).isEqualTo(e.upDrops);
        assertThat(m.get("loss_up_ratio")).isCloseTo((double) e.upDrops / e.sent, within(1e-12));
        assertThat(r.details().get("upstream_from").asText()).as(context).isEqualTo("reflector_arrivals");
        assertThat(r.details().get("upstream").get("lost").asInt()).as("upstream pattern losses, " + context).isEqualTo(e.upDrops);
        assertThat(r.details().get("downstream").get("replies_sent").asInt()).as(context).isEqualTo(e.repliesSent);
        assertThat(Math.round(m.get("loss_down_ratio") * e.repliesSent)).as("downstream losses, " + context).isEqualTo(e.downDrops);
        assertThat(m.get("loss_down_ratio")).isCloseTo((double) e.downDrops / e.repliesSent, within(1e-12));
        assertThat(m.get("duplicates_up_count")).as(context).isEqualTo(e.upDuplicates);
        assertThat(m.get("duplicates_down_count")).as(context).isEqualTo(e.downDuplicates);
        assertThat(m.get("reordered_up_count")).as(context).isEqualTo(e.upReordered);
        assertThat(m.get("reordered_down_count")).as(context).isEqualTo(e.downReordered);
    }

    /**
     * What also depends on when packets arrived: jitter, RTT, jitter-buffer discards and with them the RFC 3611
     * counts, BurstR and MOS of the effective loss pattern. The loopback hops the relay cannot see carry the
     * machine's scheduling noise (a stall of a few ms turns a packet late for real), so a miss is retried; a
     * wrong formula misses every time. Empty when everything is within tolerance.
     */
    private static List<String> timingMisses(ProbeResult r, Expectation e) {
        Map<String, Double> m = r.metrics();
        List<String> misses = new ArrayList<>();
        near(misses, "jitter_up_ms", m.get("jitter_up_ms"), e.jitterUpMs, JITTER_TOLERANCE_MS);
        near(misses, "jitter_down_ms", m.get("jitter_down_ms"), e.jitterDownMs, JITTER_TOLERANCE_MS);
        near(misses, "rtt_ms", m.get("rtt_ms"), e.rttMedianMs, RTT_TOLERANCE_MS);
        near(misses, "late_discards_up_count", m.get("late_discards_up_count"), e.discardsUp, 0);
        near(misses, "late_discards_down_count", m.get("late_discards_down_count"), e.discardsDown, 0);
        JsonNode upstream = r.details().get("upstream");
        JsonNode downstream = r.details().get("downstream");
        near(misses, "bursts up (RFC 3611 c13)", upstream.get("bursts").asDouble(), e.upPattern.bursts(), 0);
        near(misses, "gap losses up (c14)", upstream.get("gap_losses").asDouble(), e.upPattern.gapLosses(), 0);
        near(misses, "bursts down (c13)", downstream.get("bursts").asDouble(), e.downPattern.bursts(), 0);
        near(misses, "gap losses down (c14)", downstream.get("gap_losses").asDouble(), e.downPattern.gapLosses(), 0);
        near(misses, "burst_r_up", m.get("burst_r_up"), e.upPattern.burstRatio(), 1e-9);
        near(misses, "burst_r_down", m.get("burst_r_down"), e.downPattern.burstRatio(), 1e-9);
        double mosUp = expectedMos(e.rttMedianMs, e.upPattern);
        double mosDown = expectedMos(e.rttMedianMs, e.downPattern);
        near(misses, "mos_up", m.get("mos_up"), mosUp, MOS_TOLERANCE);
        near(misses, "mos_down", m.get("mos_down"), mosDown, MOS_TOLERANCE);
        near(misses, "mos", m.get("mos"), Math.min(mosUp, mosDown), MOS_TOLERANCE);
        return misses;
    }

    private static void near(List<String> misses, String name, double actual, double expected, double tolerance) {
        if (!(Math.abs(actual - expected) <= tolerance)) {
            misses.add(String.format(Locale.ROOT, "%s %.3f vs expected %.3f (±%s)", name, actual, expected, tolerance));
        }
    }

    private record Outcome(ProbeResult result, Expectation expected) {
    }

    private static Outcome run(Scenario scenario, Duration burst) throws Exception {
        try (ImpairmentRelay relay = new ImpairmentRelay(reflector.localAddress(), scenario)) {
            RtpBurstSpec spec = new RtpBurstSpec("ground-truth", Duration.ofMinutes(1), "127.0.0.1:" + relay.address().getPort(),
                    Codec.PCMU, Scenario.PTIME_MS, burst, 46, JitterBufferSpec.fixed((int) BUFFER_MS), null);
            ProbeResult result = new RtpBurstProbe().run(spec, ProbeContext.quiet("ground-truth"));
            int sent = result.metrics().getOrDefault("packets_sent_count", 0.0).intValue();
            return new Outcome(result, Expectation.from(sent, relay.upRecords(), relay.downRecords(), BUFFER_MS));
        }
    }

    /** d = RTT/2 + fixed buffer + ptime (+ no look-ahead for G.711); Ppl = losses + discards; G.711 with PLC. */
    private static double expectedMos(double rttMs, LossPattern effective) {
        double d = rttMs / 2 + BUFFER_MS + Scenario.PTIME_MS;
        return EModel.rate(d, CodecImpairment.G711_PLC, effective.lossRatio() * 100, effective.burstRatio()).mos();
    }
}
