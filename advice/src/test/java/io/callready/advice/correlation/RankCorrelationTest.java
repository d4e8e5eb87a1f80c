package io.callready.advice.correlation;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RankCorrelationTest {
    @Test
    void withoutTiesMatchesTheTextbookFormula() {
        // ranks of y: 2 1 4 3 6 5, d² sums to 6: rho = 1 − 6·6 / (6·35) = 0.828571...
        var r = RankCorrelation.of(new double[] {10, 20, 30, 40, 50, 60}, new double[] {2, 1, 4, 3, 6, 5}, 0.95);
        assertThat(r.rho()).isCloseTo(1 - 36.0 / 210, within(1e-12));
        assertThat(r.n()).isEqualTo(6);
    }

    @Test
    void tiesGetTheirAverageRank() {
        // y ranks 1 2 3.5 5 3.5; Pearson of ranks = 8 / sqrt(10 · 9.5), worked by hand
        var r = RankCorrelation.of(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7}, 0.95);
        assertThat(r.rho()).isCloseTo(8 / Math.sqrt(95), within(1e-12));
    }

    @Test
    void intervalIsFisherZWithTheBonettWrightStandardError() {
        // rho 0.5, n 28: z = 0.549306, se = sqrt(1.125 / 25) = 0.212132, z ± 1.959964 se, back through tanh
        double[] ci = RankCorrelation.interval(0.5, 28, 0.95);
        assertThat(ci[0]).isCloseTo(0.1327469037, within(1e-9));
        assertThat(ci[1]).isCloseTo(0.7465330578, within(1e-9));
        double[] wider = RankCorrelation.interval(0.5, 28, 0.99);
        assertThat(wider[0]).isLessThan(ci[0]);
        assertThat(wider[1]).isGreaterThan(ci[1]);
    }

    @Test
    void agreesWithAnIndependentRankAndPearsonOnRandomTiedData() {
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 4 + random.nextInt(60);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextInt(8);
                y[i] = x[i] * random.nextInt(3) + random.nextInt(5);
            }
            var r = RankCorrelation.of(x, y, 0.9);
            double expected = pearson(averageRanks(x), averageRanks(y));
            if (Double.isNaN(expected)) {
                assertThat(r.rho()).isNull();
                assertThat(r.note()).isNotBlank();
            } else {
                assertThat(r.rho()).isCloseTo(expected, within(1e-9));
                assertThat(r.ciLow()).isLessThanOrEqualTo(r.rho()).isGreaterThanOrEqualTo(-1);
                assertThat(r.ciHigh()).isGreaterThanOrEqualTo(r.rho()).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void perfectCorrelationHasAFiniteDegenerateInterval() {
        var r = RankCorrelation.of(new double[] {1, 2, 3, 4, 5}, new double[] {9, 7, 5, 3, 1}, 0.95);
        assertThat(r.rho()).isEqualTo(-1.0);
        assertThat(r.ciLow()).isFinite().isCloseTo(-1, within(1e-6));
        assertThat(r.ciHigh()).isFinite().isCloseTo(-1, within(1e-6));
    }

    @Test
    void zeroVarianceAndTooFewPairsAreUndefinedNotNaN() {
        var flat = RankCorrelation.of(new double[] {1, 2, 3, 4, 5}, new double[] {0, 0, 0, 0, 0}, 0.95);
        assertThat(flat.rho()).isNull();
        assertThat(flat.ciLow()).isNull();
        assertThat(flat.note()).isEqualTo("the metric never varied");
        var idle = RankCorrelation.of(new double[] {3, 3, 3, 3}, new double[] {1, 2, 3, 4}, 0.95);
        assertThat(idle.note()).isEqualTo("utilisation never varied");
        var few = RankCorrelation.of(new double[] {1, 2, 3}, new double[] {1, 2, 3}, 0.95);
        assertThat(few.rho()).isNull();
        assertThat(few.note()).contains("fewer than 4");
    }

    private static double[] averageRanks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] ranks = new double[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }

    private static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
