package io.callready.advice.correlation;

import io.callready.advice.AdviceSettings;
import io.callready.advice.Direction;
import io.callready.advice.QualitySample;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class KneeFinderTest {
    private static final AdviceSettings S = AdviceSettings.defaults();

    private static QualitySample at(double upUtil, boolean breach) {
        return new QualitySample(Instant.EPOCH, "t", upUtil, 1.0, "contracted", breach ? 0.05 : 0.0, 0.0, 0.2, 0.2,
                0.0, 0.0, 500.0, 20.0, 4.4, 4.4, 4.4);
    }

    @Test
    void findsAKnownBreakpointInNoisyData() {
        // utilisation uniform 0–110 %; above 87 % nine in ten bursts breach, below it one in fifty
        Random random = new Random(7);
        List<QualitySample> samples = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            double util = random.nextDouble() * 110;
            boolean breach = util >= 87 ? random.nextDouble() < 0.9 : random.nextDouble() < 0.02;
            samples.add(at(util, breach));
        }
        Knee knee = KneeFinder.find(samples, Direction.UP, S).orElseThrow();
        assertThat(knee.bandLowPct()).isEqualTo(85.0);
        assertThat(knee.utilisationPct()).isBetween(85.0, 90.0);
        assertThat(knee.method()).startsWith("breach rate per 5 % utilisation band");
        assertThat(KneeFinder.find(samples, Direction.DOWN, S)).isEmpty();
    }

    @Test
    void aShapedLinkSaturatesAtTheLineRate() {
        // the lab's picture: quiet bursts near 3 %, loaded ones pinned at 97–100 % of the shaper, which is the line
        List<QualitySample> samples = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            samples.add(at(2 + i % 3, false));
        }
        for (int i = 0; i < 20; i++) {
            samples.add(at(97 + i % 4, i % 10 != 0));
        }
        Knee knee = KneeFinder.find(samples, Direction.UP, S).orElseThrow();
        assertThat(knee.utilisationPct()).isEqualTo(97.0);
        assertThat(knee.breachesAbove()).isEqualTo(18);
        assertThat(knee.samplesAbove()).isEqualTo(20);
        assertThat(knee.breachesBelow()).isZero();
        assertThat(knee.samplesBelow()).isEqualTo(60);
    }

    @Test
    void aLoneBadBandBelowACleanLoadIsNoKnee() {
        List<QualitySample> samples = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            samples.add(at(42, true)); // one rough patch at 42 %
        }
        for (int i = 0; i < 60; i++) {
            samples.add(at(i % 2 == 0 ? 10 : 95, false));
        }
        assertThat(KneeFinder.find(samples, Direction.UP, S)).isEmpty();
    }

    @Test
    void breachesEverywhereHaveNoKnee() {
        List<QualitySample> samples = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            samples.add(at(i, i % 2 == 0));
        }
        assertThat(KneeFinder.find(samples, Direction.UP, S)).isEmpty();
    }
}
