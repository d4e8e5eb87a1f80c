package io.callready.agent.quality;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LossRunsTest {

    /** 'R' received, 'L' lost, in send order. */
    private static LossRuns of(String pattern) {
        LossRuns runs = new LossRuns();
        for (char c : pattern.toCharArray()) {
            runs.add(c == 'R');
        }
        return runs;
    }

    @Test
    void noLossIsRandomWithBurstRatioOne() {
        LossRuns runs = of("RRRRRRRRRR");
        assertThat(runs.lossRatio()).isZero();
        assertThat(runs.burstRatio()).isEqualTo(1.0);
        assertThat(runs.burstGap(20)).isEqualTo(new LossRuns.BurstGap(0, 0, 0, 0, 0, 0));
    }

    @Test
    void markovParametersFromTransitions() {
        // transitions: RR ×4, RL ×2, LR ×2, LL ×1  → p = 2/6, q = 2/3, BurstR = 1
        LossRuns runs = of("RRRLLRRRLR");
        assertThat(runs.lossAfterReceived()).isCloseTo(2.0 / 6, within(1e-12));
        assertThat(runs.receivedAfterLoss()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(runs.burstRatio()).isCloseTo(1.0, within(1e-12));
        assertThat(runs.lossRatio()).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void isolatedLossesGiveBurstRatioNearOne() {
        // one loss every 10 packets: p = 1/9, q = 1 → BurstR = 0.9 (= mean run 1 × (1 − 0.1))
        LossRuns runs = of("RRRRRRRRRL".repeat(100));
        assertThat(runs.burstRatio()).isCloseTo(0.9, within(0.002));
    }

    @Test
    void pairedLossesGiveBurstRatioNearTwo() {
        // runs of two losses every 100 packets: mean run 2 × (1 − 0.02) = 1.96
        LossRuns runs = of(("R".repeat(98) + "LL").repeat(50) + "R");
        assertThat(runs.burstRatio()).isCloseTo(1.96, within(0.001));
    }

    @Test
    void undefinedModelFallsBackToOne() {
        assertThat(of("RRRRL").burstRatio()).isEqualTo(1.0);
        assertThat(of("LLLL").burstRatio()).isEqualTo(1.0);
    }

    @Test
    void rfc3611CountsOneBurstAfterALongGap() {
        // 20 received (gap), then L R L R L (burst: losses closer than Gmin), then 20 received, then 1 isolated loss
        LossRuns runs = of("R".repeat(20) + "LRLRL" + "R".repeat(20) + "L");
        // losses: 1st after 20 rcvd → c13=1, c11=20; 2nd after 1 rcvd → c23=1; 3rd → c23=2; 4th after 20 rcvd, lost=3 → c13=2, c11=40
        LossRuns.BurstGap bg = runs.burstGap(20);
        assertThat(bg.bursts()).isEqualTo(2);
        // c22 = 0, c23 = 2 → p23 = 1; c31 = 2, c32 = 2, c33 = 0 → p32 = 0.5; density = 1 / 1.5
        assertThat(bg.burstDensity()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(bg.gapDensity()).isZero();
        // gap: (c11 + c13 + c14) · m / c13 = (40 + 2) · 20 / 2 = 420 ms; total = 42 + 2 + 4 = 48 → 48·20/2 − 420 = 60 ms
        assertThat(bg.gapDurationMs()).isCloseTo(420.0, within(1e-9));
        assertThat(bg.burstDurationMs()).isCloseTo(60.0, within(1e-9));
    }

    @Test
    void isolatedLossInsideAGapCountsTowardsGapDensity() {
        // after a burst has started (c13), a later single loss after ≥ Gmin received is a gap loss (c14)
        LossRuns runs = of("R".repeat(16) + "L" + "R".repeat(16) + "L" + "R".repeat(16) + "L");
        LossRuns.BurstGap bg = runs.burstGap(20);
        assertThat(bg.bursts()).isEqualTo(1);
        // c11 = 48, c14 = 2 → 2 / 50
        assertThat(bg.gapDensity()).isCloseTo(2.0 / 50, within(1e-12));
    }
}
