package io.callready.agent.groundtruth;

import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.rtp.RtpBurstProbe;
import io.callready.agent.quality.CodecImpairment;
import io.callready.agent.quality.EModel;
import io.callready.agent.quality.Thresholds;
import io.callready.reflector.Reflector;
import io.callready.reflector.ReflectorSettings;
import io.callready.wire.clock.ClockSync;
import io.callready.wire.plan.JitterBufferSpec;
import io.callready.wire.plan.RtpBurstSpec;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.rtp.Codec;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * An asymmetric path (160 ms up, 15 ms down through the {@link ImpairmentRelay}) with the clock status of both
 * ends injected: synchronised clocks give each direction its own one-way delay in the E-model; an unsynchronised
 * end keeps RTT / 2 and says so. Both ends run on this host, so their clocks really agree.
 */
class OneWayDelayIT {
    private static final double UP_MS = 160;
    private static final double DOWN_MS = 15;
    /** The loopback hops outside the relay, plus its scheduling: one-way delays must be this close. */
    private static final double DELAY_TOLERANCE_MS = 1.5;
    private static final int PACKETS = 100;

    private static List<Impairment> constant(double ms) {
        List<Impairment> list = new ArrayList<>();
        for (int i = 0; i < PACKETS; i++) {
            list.add(Impairment.pass(ms));
        }
        return list;
    }

    private static ProbeResult run(ClockSync agentClock, ClockSync reflectorClock) throws Exception {
        Scenario asymmetric = new Scenario("160 ms up, 15 ms down", PACKETS, constant(UP_MS), constant(DOWN_MS));
        try (Reflector reflector = Reflector.start(ReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0)), () -> reflectorClock);
             ImpairmentRelay relay = new ImpairmentRelay(reflector.localAddress(), asymmetric)) {
            RtpBurstSpec spec = new RtpBurstSpec("one-way", Duration.ofMinutes(1), "127.0.0.1:" + relay.address().getPort(),
                    Codec.PCMU, Scenario.PTIME_MS, Duration.ofMillis(PACKETS * Scenario.PTIME_MS), 46,
                    JitterBufferSpec.fixed((int) Scenario.BUFFER_MS), null);
            return new RtpBurstProbe(Thresholds.DEFAULTS, () -> agentClock).run(spec, ProbeContext.quiet("one-way"));
        }
    }

    private static double mos(double networkDelayMs) {
        return EModel.rate(networkDelayMs + Scenario.BUFFER_MS + Scenario.PTIME_MS, CodecImpairment.G711_PLC, 0, 1).mos();
    }

    @Test
    void synchronisedClocksGiveEachDirectionItsOwnDelay() throws Exception {
        ProbeResult r = run(ClockSync.synchronisedWithin(400), ClockSync.synchronisedWithin(600));
        var m = r.metrics();

        assertThat(r.labels()).containsEntry("delay_model", "one_way");
        assertThat(m.get("delay_up_ms")).as(r.reason() + " " + m).isCloseTo(UP_MS, within(DELAY_TOLERANCE_MS));
        assertThat(m.get("delay_down_ms")).isCloseTo(DOWN_MS, within(DELAY_TOLERANCE_MS));
        assertThat(m.get("delay_error_ms")).as("both kernels' max error, summed").isCloseTo(1.0, within(1e-9));
        assertThat(m.get("mos_up")).isCloseTo(mos(m.get("delay_up_ms")), within(1e-9));
        assertThat(m.get("mos_down")).isCloseTo(mos(m.get("delay_down_ms")), within(1e-9));
        // what RTT / 2 would have said for both: the upstream MOS overstated
        double rttHalf = m.get("rtt_ms") / 2;
        assertThat(mos(rttHalf) - m.get("mos_up")).isGreaterThan(0.05);
        assertThat(m.get("mos")).isEqualTo(m.get("mos_up"));
    }

    @Test
    void anUnsynchronisedEndKeepsRttHalfAndSaysSo() throws Exception {
        ProbeResult r = run(ClockSync.synchronisedWithin(400), ClockSync.unsynchronised());
        var m = r.metrics();

        assertThat(r.labels()).containsEntry("delay_model", "rtt_half");
        assertThat(r.details().get("delay_model_reason").asText()).startsWith("the reflector's clock is not synchronised");
        assertThat(m).doesNotContainKeys("delay_up_ms", "delay_down_ms", "delay_error_ms");
        assertThat(m.get("mos_up")).isCloseTo(mos(m.get("rtt_ms") / 2), within(1e-9));
        assertThat(m.get("mos_up")).isCloseTo(m.get("mos_down"), within(1e-9));
    }
}
