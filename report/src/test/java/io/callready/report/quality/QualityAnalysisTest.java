package io.callready.report.quality;

import io.callready.advice.QualitySample;
import io.callready.report.Samples;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QualityAnalysisTest {
    /** Jitter up 5, 10, 25, 40 ms; MOS up 4.4, 4.1, 3.8, 3.0. */
    private static final List<QualitySample> FOUR_BURSTS = List.of(
            Samples.burst(0, 5, 1, 0, 0, 20, 4.4, 4.4),
            Samples.burst(1, 10, 1, 0, 0, 20, 4.1, 4.4),
            Samples.burst(2, 25, 1, 0, 0, 20, 3.8, 4.4),
            Samples.burst(3, 40, 1, 0.02, 0, 20, 3.0, 4.4));

    @Test
    void bandsFollowTheSeedThresholdsAtTheirEdges() {
        assertThat(ReportMetric.JITTER.rate(19.9)).isEqualTo(Rating.GOOD);
        assertThat(ReportMetric.JITTER.rate(20)).isEqualTo(Rating.ACCEPTABLE);
        assertThat(ReportMetric.JITTER.rate(30)).isEqualTo(Rating.PROBLEMATIC);
        assertThat(ReportMetric.LOSS.rate(0.0049)).isEqualTo(Rating.GOOD);
        assertThat(ReportMetric.LOSS.rate(0.005)).isEqualTo(Rating.ACCEPTABLE);
        assertThat(ReportMetric.LOSS.rate(0.01)).isEqualTo(Rating.PROBLEMATIC);
        assertThat(ReportMetric.RTT.rate(99)).isEqualTo(Rating.GOOD);
        assertThat(ReportMetric.RTT.rate(149)).isEqualTo(Rating.ACCEPTABLE);
        assertThat(ReportMetric.RTT.rate(175)).isEqualTo(Rating.PROBLEMATIC);
        assertThat(ReportMetric.MOS.rate(4.01)).isEqualTo(Rating.GOOD);
        assertThat(ReportMetric.MOS.rate(4.0)).isEqualTo(Rating.ACCEPTABLE);
        assertThat(ReportMetric.MOS.rate(3.6)).isEqualTo(Rating.ACCEPTABLE);
        assertThat(ReportMetric.MOS.rate(3.59)).isEqualTo(Rating.PROBLEMATIC);
    }

    @Test
    void sharesMedianAndTailAreHandComputed() {
        // jitter up 5, 10, 25, 40 ms: 2 good, 1 acceptable, 1 problematic; median (rank 2) 10 ms; p95 (rank 4) 40 ms
        List<QualitySample> s = FOUR_BURSTS;
        QualityRow jitterUp = find(QualityAnalysis.rows(s), ReportMetric.JITTER, "upstream");
        assertThat(jitterUp.samples()).isEqualTo(4);
        assertThat(jitterUp.goodPct()).isCloseTo(50, within(1e-9));
        assertThat(jitterUp.acceptablePct()).isCloseTo(25, within(1e-9));
        assertThat(jitterUp.problematicPct()).isCloseTo(25, within(1e-9));
        assertThat(jitterUp.median()).isEqualTo("10 ms");
        assertThat(jitterUp.worstTail()).isEqualTo("40 ms");
        assertThat(jitterUp.rating()).isEqualTo(Rating.PROBLEMATIC);
        // MOS up: the 5th percentile of 4 values is rank 1, the lowest (3.0)
        QualityRow mosUp = find(QualityAnalysis.rows(s), ReportMetric.MOS, "upstream");
        assertThat(mosUp.worstTail()).isEqualTo("3");
        assertThat(mosUp.rating()).isEqualTo(Rating.PROBLEMATIC);
        assertThat(find(QualityAnalysis.rows(s), ReportMetric.MOS, "downstream").rating()).isEqualTo(Rating.GOOD);
        assertThat(find(QualityAnalysis.rows(s), ReportMetric.RTT, "both").label()).isEqualTo("round trip");
    }

    @Test
    void configuredLimitsReplaceTheSeedsForTheirMetricOnly() {
        List<QualitySample> s = FOUR_BURSTS;
        QualityThresholds site = QualityThresholds.DEFAULTS.with(ReportMetric.JITTER, 8, 45, "the site's");
        // jitter up 5, 10, 25, 40 ms against good < 8, acceptable < 45: 1 good, 3 acceptable; the tail (40 ms) acceptable
        QualityRow jitterUp = find(QualityAnalysis.rows(s, site), ReportMetric.JITTER, "upstream");
        assertThat(jitterUp.goodPct()).isCloseTo(25, within(1e-9));
        assertThat(jitterUp.acceptablePct()).isCloseTo(75, within(1e-9));
        assertThat(jitterUp.problematicPct()).isZero();
        assertThat(jitterUp.rating()).isEqualTo(Rating.ACCEPTABLE);
        assertThat(jitterUp.thresholds()).isEqualTo("good < 8 ms, acceptable < 45 ms");
        assertThat(site.source()).isEqualTo("the site's");
        assertThat(find(QualityAnalysis.rows(s, site), ReportMetric.MOS, "upstream"))
                .isEqualTo(find(QualityAnalysis.rows(s), ReportMetric.MOS, "upstream"));
        assertThat(find(QualityAnalysis.rows(s), ReportMetric.JITTER, "upstream").thresholds()).isEqualTo("good < 20 ms, acceptable < 30 ms");
    }

    @Test
    void nearestRankAgreesWithAnIndependentSortAndIndex() {
        double[] values = IntStream.range(0, 37).mapToDouble(i -> (i * 7919) % 101).toArray();
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (double q : new double[]{0.05, 0.5, 0.95, 1.0}) {
            int index = (int) Math.ceil(q * 37) - 1;
            assertThat(QualityAnalysis.nearestRank(values, q)).isEqualTo(sorted[index]);
        }
    }

    @Test
    void anEmptyWindowIsNotMeasuredNotGood() {
        List<QualityRow> rows = QualityAnalysis.rows(List.of());
        assertThat(rows).hasSize(7).allMatch(r -> r.rating() == Rating.NOT_MEASURED && r.samples() == 0);
    }

    private static QualityRow find(List<QualityRow> rows, ReportMetric m, String direction) {
        return rows.stream().filter(r -> r.metric() == m && r.direction().equals(direction)).findFirst().orElseThrow();
    }
}
