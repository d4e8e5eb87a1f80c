package io.callready.advice.verdict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.advice.AdviceSettings;
import io.callready.advice.Confidence;
import io.callready.advice.Direction;
import io.callready.advice.Figures;
import io.callready.advice.QosAdvisor;
import io.callready.advice.QosAssessment;
import io.callready.advice.QualityMetric;
import io.callready.advice.QualitySample;
import io.callready.advice.SamplesNeeded;
import io.callready.advice.SyntheticSite;
import io.callready.advice.SiteSeries;
import io.callready.advice.TrafficSample;
import io.callready.advice.Verdict;
import io.callready.advice.correlation.Correlation;
import io.callready.wire.Json;
import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.callready.advice.SyntheticSite.FACTS;
import static io.callready.advice.SyntheticSite.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VerdictTableTest {
    private static final AdviceSettings S = AdviceSettings.defaults();
    private static final ObjectMapper JSON = Json.newMapper();

    private static QosAssessment assess(SiteSeries series) {
        QosAssessment a = QosAdvisor.assess(series, FACTS, S, NOW);
        try {
            String json = JSON.writeValueAsString(a);
            assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
            // the collector stores the assessment as JSON and reads it back for the vendor snippet
            assertThat(JSON.readValue(json, QosAssessment.class)).isEqualTo(a);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
        return a;
    }

    /** Loaded bursts at 95–99 % upstream lose 3 % and jitter 25 ms; quiet ones are clean. */
    private static QualitySample upstreamCongested(Instant at, int i, boolean loaded, String source) {
        return loaded ? SyntheticSite.sample(at, 95 + i % 5, 4, 0.03, 0, 25, 0.2, 190, 3.2, source)
                : SyntheticSite.quiet(at, i, source);
    }

    @Test
    void congestionUpstreamWithTheEvidenceSentenceFromTheData() {
        QosAssessment a = assess(SyntheticSite.series((at, i, loaded) -> upstreamCongested(at, i, loaded, "contracted"),
                "contracted"));
        assertThat(a.verdict()).isEqualTo(Verdict.CONGESTION_UPSTREAM);
        assertThat(a.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(a.samples()).isEqualTo(305);
        assertThat(a.loadedSamples()).isEqualTo(30);
        assertThat(a.evidence().getFirst())
                .isEqualTo("loss > 1 % in 30 of 30 bursts above 95 % upstream utilisation, 10:00–11:00 on weekdays;"
                        + " 0 of 275 below 60 %");
        assertThat(a.knee(Direction.UP)).hasValueSatisfying(k -> {
            assertThat(k.utilisationPct()).isEqualTo(95.0);
            assertThat(k.breachesAbove()).isEqualTo(30);
        });
        assertThat(a.knee(Direction.DOWN)).isEmpty();
        assertThat(a.evidence()).anySatisfy(e -> assertThat(e).startsWith("Spearman rho ")
                .contains("upstream utilisation and loss"));
        assertThat(a.evidence()).anySatisfy(e -> assertThat(e)
                .isEqualTo("upstream busy hour 10:00–11:00 on weekdays: mean 1.95 Mbit/s (98 % utilisation) over 5 days"));
        assertThat(a.samplesNeeded()).isNull();
        assertThat(a.sizing().priorityKbps()).isEqualTo(384.0);
    }

    @Test
    void congestionDownstreamWhenTheDownstreamLoadHurts() {
        QosAssessment a = assess(SyntheticSite.series((at, i, loaded) -> loaded
                ? SyntheticSite.sample(at, 10, 92 + i % 6, 0, 0.05, 0.2, 40, 200, 3.0, "contracted")
                : SyntheticSite.quiet(at, i, "contracted"), "contracted"));
        assertThat(a.verdict()).isEqualTo(Verdict.CONGESTION_DOWNSTREAM);
        assertThat(a.evidence().getFirst()).startsWith("loss > 1 % in 30 of 30 bursts above 92 % downstream utilisation");
    }

    /** Loss 3 % on every {@code quietEvery}-th quiet burst and every {@code loadedEvery}-th loaded one. */
    private static SiteSeries tail(int quietEvery, int loadedEvery) {
        return SyntheticSite.series((at, i, loaded) -> SyntheticSite.sample(at, loaded ? 96 : 5 + i % 26, 3,
                (loaded ? i % loadedEvery == 0 : i % quietEvery == 0) ? 0.03 : 0, 0, 0.3, 0.2, 20, 4.4, "contracted"),
                "contracted");
    }

    @Test
    void harmInASmallLoadedTailIsCongestionEvenWhereSpearmanIsWeak() {
        QosAssessment a = assess(tail(13, 2));
        Correlation loss = find(a, Direction.UP, QualityMetric.LOSS);
        assertThat(loss.significant()).as("rho %s over all bursts", loss.rho()).isFalse();
        assertThat(a.verdict()).isEqualTo(Verdict.CONGESTION_UPSTREAM);
        assertThat(a.evidence()).contains("15 of 30 loaded bursts (≥ 80 %) breached against 20 of 275 quiet ones:"
                + " one-sided Fisher exact p = " + Figures.probability(
                new HypergeometricDistribution(null, 305, 35, 30)
                        .upperCumulativeProbability(15)));
        assertThat(a.knee(Direction.UP)).isPresent();
    }

    @Test
    void congestionWithDipsAtQuietLoadTooSaysThereIsASecondCause() {
        // loaded: every burst loses 3 %; quiet: every fifth (20 %)
        QosAssessment a = assess(SyntheticSite.series((at, i, loaded) -> SyntheticSite.sample(at, loaded ? 96 : 5 + i % 26,
                3, loaded || i % 5 == 0 ? 0.03 : 0, 0, 0.3, 0.2, 20, 4.4, "contracted"), "contracted"));
        assertThat(a.verdict()).isEqualTo(Verdict.CONGESTION_UPSTREAM);
        assertThat(a.notes()).anySatisfy(n -> assertThat(n).endsWith("quiet bursts breached too: besides load, look at"
                + " Wi-Fi, the ISP or the voice provider"));
    }

    @Test
    void aMetricThatRisesWithLoadWithinTheThresholdsIsReportedUnderQosEffective() {
        // jitter 0.3 ms quiet, 8 ms loaded: a real effect, never a breach
        QosAssessment a = assess(SyntheticSite.series((at, i, loaded) -> SyntheticSite.sample(at, loaded ? 96 : 5 + i % 26,
                3, 0, 0, loaded ? 8 : 0.3, 0.2, 20, 4.4, "contracted"), "contracted"));
        assertThat(a.verdict()).isEqualTo(Verdict.QOS_EFFECTIVE);
        assertThat(find(a, Direction.UP, QualityMetric.JITTER).significant()).isTrue();
        assertThat(a.evidence()).anySatisfy(e -> assertThat(e).contains("upstream utilisation and jitter")
                .endsWith("it rises with load but stays within the thresholds"));
    }

    @Test
    void frequentLoadedBreachesWithoutEnoughLiftAreInconclusive() {
        // 10 of 30 loaded vs 26 of 275 quiet (9.5 %, under the not-traffic rate): a 24-point lift
        QosAssessment a = assess(tail(11, 3));
        assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(a.samplesNeeded()).isEqualTo(new SamplesNeeded(0, 10));
        assertThat(a.evidence().getFirst()).isEqualTo("10 of 30 bursts at or above 80 % upstream utilisation breached,"
                + " 26 of 275 below 60 %, but without a 25-point lift over the quiet rate, a significant difference or a"
                + " knee: inconclusive");
    }

    @Test
    void qosEffectiveWhenLoadReachesTheLineButVoiceHolds() {
        QosAssessment a = assess(SyntheticSite.series((at, i, loaded) -> loaded
                ? SyntheticSite.sample(at, 97, 4, 0, 0, 0.3, 0.2, 21, 4.4, "contracted")
                : SyntheticSite.quiet(at, i, "contracted"), "contracted"));
        assertThat(a.verdict()).isEqualTo(Verdict.QOS_EFFECTIVE);
        assertThat(a.evidence().getFirst()).startsWith("0 of 30 bursts at or above 80 % upstream utilisation,"
                + " 10:00–11:00 on weekdays, breached a threshold (loss > 1 %").endsWith("0 of 275 below 60 %: voice holds at load");
    }

    @Test
    void aProtectedLinkWhoseJitterMovesBySubMillisecondsIsNotCongested() {
        // lab reality: jitter 0.12 ms quiet vs 0.15 ms loaded rank-correlates strongly with load
        QosAssessment a = assess(SyntheticSite.series((at, i, loaded) -> SyntheticSite.sample(at,
                loaded ? 96 + i % 3 : 5 + i % 20, 3, 0, 0, loaded ? 0.15 + (i % 2) * 0.01 : 0.12 + (i % 2) * 0.01, 0.1,
                loaded ? 0.33 : 0.17, 4.41, "contracted"), "contracted"));
        assertThat(a.verdict()).isEqualTo(Verdict.QOS_EFFECTIVE);
        Correlation jitter = find(a, Direction.UP, QualityMetric.JITTER);
        assertThat(jitter.rho()).isGreaterThan(0.3);
        assertThat(jitter.ciLow()).isGreaterThan(0);
        assertThat(jitter.effect()).isCloseTo(0.035, within(1e-9)); // medians 0.155 vs 0.12
        assertThat(jitter.significant()).isFalse();
        assertThat(jitter.note()).isEqualTo("effect 0.035 ms is below the minimum 2 ms: not taken as load-related");
        assertThat(a.correlations()).noneMatch(Correlation::significant);
    }

    @Test
    void metricsThatNeverVaryGiveUndefinedRhoAndNoNaN() {
        QosAssessment a = assess(SyntheticSite.series((at, i, loaded) -> SyntheticSite.sample(at,
                loaded ? 98 : 10, 3, 0, 0, 0.02, 0.02, 20, 4.4, "contracted"), "contracted"));
        assertThat(a.verdict()).isEqualTo(Verdict.QOS_EFFECTIVE);
        Correlation loss = find(a, Direction.UP, QualityMetric.LOSS);
        assertThat(loss.rho()).isNull();
        assertThat(loss.note()).isEqualTo("the metric never varied");
        assertThat(find(a, Direction.DOWN, QualityMetric.LOSS).note()).isEqualTo("utilisation never varied");
    }

    @Test
    void dipsAtAnyLoadAreNotTrafficRelated() {
        // every fifth burst loses 4 %, loaded or not
        QosAssessment a = assess(SyntheticSite.series((at, i, loaded) -> SyntheticSite.sample(at,
                loaded ? 96 : 5 + i % 26, 3, i % 5 == 0 ? 0.04 : 0, 0, 0.3, 0.2, 20, 4.3, "contracted"), "contracted"));
        assertThat(a.verdict()).isEqualTo(Verdict.NOT_TRAFFIC_RELATED);
        assertThat(a.evidence().getFirst()).startsWith("loss > 1 % in 55 of 275 bursts below 60 % upstream utilisation;"
                + " 6 of 30 bursts at or above 80 % breached").contains("Wi-Fi, the ISP or the voice provider");
    }

    @Test
    void tooFewSamplesSayHowManyMoreAreNeeded() {
        SiteSeries all = SyntheticSite.series((at, i, loaded) -> upstreamCongested(at, i, loaded, "contracted"),
                "contracted");
        SiteSeries few = new SiteSeries(all.traffic(), all.quality().subList(0, 12));
        QosAssessment a = assess(few);
        assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(a.confidence()).isEqualTo(Confidence.LOW);
        assertThat(a.samplesNeeded()).isEqualTo(new SamplesNeeded(18, 10));
        assertThat(a.evidence().getFirst()).isEqualTo("12 bursts with WAN utilisation in the last 14 days; a verdict"
                + " needs 30 (18 more)");
    }

    @Test
    void cleanButNeverLoadedIsInsufficientNotQosEffective() {
        QosAssessment a = assess(SyntheticSite.series((at, i, loaded) -> SyntheticSite.quiet(at, i, "contracted"),
                "contracted"));
        assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(a.samplesNeeded()).isEqualTo(new SamplesNeeded(0, 10));
        assertThat(a.evidence().getFirst()).contains("0 of them at or above 80 % utilisation").contains("(10 more)");
    }

    @Test
    void burstsWithoutUtilisationAreLeftOutAndCounted() {
        SiteSeries all = SyntheticSite.series((at, i, loaded) -> upstreamCongested(at, i, loaded, "contracted"),
                "contracted");
        List<QualitySample> blind = all.quality().stream().map(q -> new QualitySample(q.at(), q.target(), null, null,
                null, q.lossUpRatio(), q.lossDownRatio(), q.jitterUpMs(), q.jitterDownMs(), null, null, null, null,
                null, null, null)).toList();
        QosAssessment a = assess(new SiteSeries(all.traffic(), blind));
        assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(a.notes()).anySatisfy(n -> assertThat(n).startsWith("305 bursts carried no WAN utilisation"));
    }

    @Test
    void utilisationAgainstThePortSpeedLowersTheConfidenceAndSaysSo() {
        QosAssessment a = assess(SyntheticSite.series((at, i, loaded) -> upstreamCongested(at, i, loaded, "port"),
                "port"));
        assertThat(a.verdict()).isEqualTo(Verdict.CONGESTION_UPSTREAM);
        assertThat(a.lineRateSource()).isEqualTo("port");
        assertThat(a.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(a.notes()).anySatisfy(n -> assertThat(n).contains("against the port speed")
                .contains("confidence lowered"));
    }

    @Test
    void samplesOutsideTheAnalysedDaysAreIgnored() {
        SiteSeries all = SyntheticSite.series((at, i, loaded) -> upstreamCongested(at, i, loaded, "contracted"),
                "contracted");
        QosAssessment a = QosAdvisor.assess(all, FACTS, S.withTime(S.bucket(), S.window(), 1), NOW);
        assertThat(a.samples()).isEqualTo(61); // Monday only
        assertThat(a.from()).isEqualTo(NOW.minus(Duration.ofDays(1)));
    }

    @Test
    void nullAndEmptyInputNeverThrow() {
        assertThat(QosAdvisor.assess(null, FACTS, null, NOW).verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(assess(new SiteSeries(null, null)).samplesNeeded()).isEqualTo(new SamplesNeeded(30, 10));
    }

    @Test
    void brokenValuesBuiltByHandNeitherThrowNorLeakNaN() {
        Instant t = NOW.minusSeconds(3600);
        List<QualitySample> odd = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double weird = switch (i % 4) {
                case 0 -> Double.NaN;
                case 1 -> Double.POSITIVE_INFINITY;
                case 2 -> -5;
                default -> 1e300;
            };
            odd.add(new QualitySample(t.plusSeconds(i), i % 2 == 0 ? null : "x", weird, i % 3 == 0 ? null : weird, null,
                    weird, null, weird, 0.1, weird, null, 0.0, weird, weird, null, weird));
        }
        odd.add(null);
        odd.add(new QualitySample(null, "y", 50.0, 50.0, null, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 500.0, 20.0, 4.4, 4.4, 4.4));
        List<TrafficSample> traffic = List.of(
                new TrafficSample(t, "w", Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, null, null),
                new TrafficSample(t.plusSeconds(60), "w", 1e6, 2e6, Double.NEGATIVE_INFINITY, 5.0, "port"));
        QosAssessment a = assess(new SiteSeries(traffic, odd));
        assertThat(a.verdict()).isNotNull();
        assertThat(a.samples()).isEqualTo(40);
    }

    private static Correlation find(QosAssessment a, Direction d, QualityMetric m) {
        return a.correlations().stream().filter(c -> c.direction() == d && c.metric() == m).findFirst().orElseThrow();
    }
}
