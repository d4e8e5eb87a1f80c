package io.callready.agent.quality;

import io.callready.wire.plan.JitterBufferSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JitterBufferTest {
    private static final double N = Double.NaN;

    private static StreamTrace trace(double... transitMs) {
        boolean[] received = new boolean[transitMs.length];
        for (int i = 0; i < transitMs.length; i++) {
            received[i] = !Double.isNaN(transitMs[i]);
        }
        return new StreamTrace(received, transitMs);
    }

    @Test
    void fixedBufferDiscardsPacketsLaterThanItsDelayAfterTheFirstPacket() {
        // anchor 10 ms; deadline 10 + 40 = 50; capacity: not earlier than 10 − 40 = −30
        var playout = new FixedJitterBuffer(40).play(trace(10, 49.9, 50, 50.1, N, 80, -29, -31));
        assertThat(playout.played()).containsExactly(true, true, true, false, false, false, true, false);
        assertThat(playout.discards()).isEqualTo(3);
        assertThat(playout.meanDelayMs()).isEqualTo(40);
    }

    @Test
    void fixedBufferAnchorsOnTheFirstPacketThatArrived() {
        var playout = new FixedJitterBuffer(20).play(trace(N, N, 100, 121, 119));
        assertThat(playout.played()).containsExactly(false, false, true, false, true);
    }

    @Test
    void untimedArrivalsArePlayed() {
        var playout = new FixedJitterBuffer(20).play(new StreamTrace(new boolean[]{true, true, false}, new double[]{5, N, N}));
        assertThat(playout.played()).containsExactly(true, true, false);
        assertThat(playout.discards()).isZero();
    }

    @Test
    void adaptiveBufferStaysAtItsMinimumOnAConstantPath() {
        double[] transit = new double[50];
        java.util.Arrays.fill(transit, 200);
        var playout = new AdaptiveJitterBuffer(20, 200).play(trace(transit));
        assertThat(playout.discards()).isZero();
        assertThat(playout.meanDelayMs()).isEqualTo(20);
    }

    /**
     * Hand-computed: transits 0, 8, 0, 30. Before packet 2: m = 0.5, v = 0.5 → depth max(20, 0.5 + 2) = 20.
     * Before packet 3: m = 0.46875, v = 0.49609375 → depth 20 < 30 → late.
     */
    @Test
    void adaptiveBufferDiscardsASpikeItHasNotLearnt() {
        var playout = new AdaptiveJitterBuffer(20, 200).play(trace(0, 8, 0, 30));
        assertThat(playout.played()).containsExactly(true, true, true, false);
        assertThat(playout.discards()).isEqualTo(1);
    }

    @Test
    void adaptiveBufferGrowsWithJitterUpToItsMaximum() {
        double[] alternating = new double[400];
        for (int i = 0; i < alternating.length; i++) {
            alternating[i] = i % 2 == 0 ? 0 : 40;
        }
        var grown = new AdaptiveJitterBuffer(20, 200).play(trace(alternating));
        // m → 20, v → 20: depth m − base + 4v → 100 once settled; only 40 ms packets while it learns are late
        assertThat(grown.meanDelayMs()).isBetween(90.0, 100.0);
        assertThat(grown.discards()).isBetween(1, 6);
        var capped = new AdaptiveJitterBuffer(20, 30).play(trace(alternating));
        assertThat(capped.meanDelayMs()).isCloseTo(30, within(0.2));
        assertThat(capped.discards()).isEqualTo(200);
    }

    @Test
    void specSelectsTheBuffer() {
        assertThat(JitterBuffer.of(JitterBufferSpec.fixed(60), 20)).isEqualTo(new FixedJitterBuffer(60));
        assertThat(JitterBuffer.of(JitterBufferSpec.DEFAULT, 20)).isEqualTo(new AdaptiveJitterBuffer(40, 200));
        assertThat(JitterBuffer.of(JitterBufferSpec.DEFAULT, 10)).isEqualTo(new AdaptiveJitterBuffer(20, 200));
        assertThat(JitterBuffer.of(JitterBufferSpec.adaptive(10), 20)).isEqualTo(new AdaptiveJitterBuffer(10, 10));
    }

    @Test
    void discardsFeedTheEffectiveLossAndItsBurstiness() {
        var loss = PlayoutLoss.of(trace(0, 0, N, 0, 90, 0, 0, 0), new FixedJitterBuffer(60));
        assertThat(loss.lost()).isEqualTo(1);
        assertThat(loss.discards()).isEqualTo(1);
        assertThat(loss.effectiveLossRatio()).isEqualTo(2.0 / 8);
    }
}
