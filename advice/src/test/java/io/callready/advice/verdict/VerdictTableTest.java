package io.callready.advice.verdict;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.advice.AdviceSettings;
import io.callready.advice.Confidence;
import io.callready.advice.Direction;
import io.callready.advice.QosAdvisor;
import io.callready.advice.QosAssessment;
import io.callready.advice.QualityMetric;
import io.callready.advice.QualitySample;
import io.callready.advice.SamplesNeeded;
import io.callready.advice.ScenarioAccess;
import io.callready.advice.SiteSeries;
import io.callready.advice.Verdict;
import io.callready.advice.correlation.Correlation;
import io.callready.wire.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.callready.advice.ScenarioAccess.FACTS;
import static io.callready.advice.ScenarioAccess.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VerdictTableTest {
    private static final AdviceSettings S = AdviceSettings.defaults();
    private static final ObjectMapper JSON = Json.newMapper();

    private static QosAssessment assess(SiteSeries series) {
        QosAssessment a = QosAdvisor.assess(series, FACTS, S, NOW);
        String json;
        try {
            json = JSON.writeValueAsString(a);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
        return a;
    }

    /** Loaded bursts at 95–99 % upstream lose 3 % and jitter 25 ms; quiet ones are clean. */
    private static QualitySample upstreamCongested(java.time.Instant at, int i, boolean loaded, String source) {
        return loaded ? ScenarioAccess.sample(at, 95 + i % 5, 4, 0.03, 0, 25, 0.2, 190, 3.2, source)
                : ScenarioAccess.quiet(at, i, source);
    }

    @Test
    void congestionUpstreamWithTheEvidenceSentenceFromTheData() {
        QosAssessment a = assess(ScenarioAccess.series((at, i, loaded) -> upstreamCongested(at, i, loaded, "contracted"),
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
        QosAssessment a = assess(ScenarioAccess.series((at, i, loaded) -> loaded
                ? ScenarioAccess.sample(at, 10, 92 + i % 6, 0, 0.05, 0.2, 40, 200, 3.0, "contracted")
                : ScenarioAccess.quiet(at, i, "contracted"), "contracted"));
        assertThat(a.verdict()).isEqualTo(Verdict.CONGESTION_DOWNSTREAM);
        assertThat(a.evidence().getFirst()).startsWith("loss > 1 % in 30 of 30 bursts above 92 % downstream utilisation");
    }

    @Test
    void qosEffectiveWhenLoadReachesTheLineButVoiceHolds() {
        QosAssessment a = assess(ScenarioAccess.series((at, i, loaded) -> loaded
                ? ScenarioAccess.sample(at, 97, 4, 0, 0, 0.3, 0.2, 21, 4.4, "contracted")
                : ScenarioAccess.quiet(at, i, "contracted"), "contracted"));
        assertThat(a.verdict()).isEqualTo(Verdict.QOS_EFFECTIVE);
        assertThat(a.evidence().getFirst()).startsWith("0 of 30 bursts at or above 80 % upstream utilisation,"
                + " 10:00–11:00 on weekdays, breached a threshold (loss > 1 %").endsWith("0 of 275 below 60 %: voice holds at load");
    }

    @Test
    void aProtectedLinkWhoseJitterMovesBySubMillisecondsIsNotCongested() {
        // lab reality: jitter 0.12 ms quiet vs 0.15 ms loaded rank-correlates strongly with load
        QosAssessment a = assess(ScenarioAccess.series((at, i, loaded) -> ScenarioAccess.sample(at,
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
        QosAssessment a = assess(ScenarioAccess.series((at, i, loaded) -> ScenarioAccess.sample(at,
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
        QosAssessment a = assess(ScenarioAccess.series((at, i, loaded) -> ScenarioAccess.sample(at,
                loaded ? 96 : 5 + i % 26, 3, i % 5 == 0 ? 0.04 : 0, 0, 0.3, 0.2, 20, 4.3, "contracted"), "contracted"));
        assertThat(a.verdict()).isEqualTo(Verdict.NOT_TRAFFIC_RELATED);
        assertThat(a.evidence().getFirst()).startsWith("loss > 1 % in 55 of 275 bursts below 60 % upstream utilisation;"
                + " 6 of 30 bursts at or above 80 % breached").contains("Wi-Fi, the ISP or the voice provider");
    }

    @Test
    void tooFewSamplesSayHowManyMoreAreNeeded() {
        SiteSeries all = ScenarioAccess.series((at, i, loaded) -> upstreamCongested(at, i, loaded, "contracted"),
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
        QosAssessment a = assess(ScenarioAccess.series((at, i, loaded) -> ScenarioAccess.quiet(at, i, "contracted"),
                "contracted"));
        assertThat(a.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(a.samplesNeeded()).isEqualTo(new SamplesNeeded(0, 10));
        assertThat(a.evidence().getFirst()).contains("0 of them at or above 80 % utilisation").contains("(10 more)");
    }

    @Test
    void burstsWithoutUtilisationAreLeftOutAndCounted() {
        SiteSeries all = ScenarioAccess.series((at, i, loaded) -> upstreamCongested(at, i, loaded, "contracted"),
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
        QosAssessment a = assess(ScenarioAccess.series((at, i, loaded) -> upstreamCongested(at, i, loaded, "port"),
                "port"));
        assertThat(a.verdict()).isEqualTo(Verdict.CONGESTION_UPSTREAM);
        assertThat(a.lineRateSource()).isEqualTo("port");
        assertThat(a.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(a.notes()).anySatisfy(n -> assertThat(n).contains("against the port speed")
                .contains("confidence lowered"));
    }

    @Test
    void samplesOutsideTheAnalysedDaysAreIgnored() {
        SiteSeries all = ScenarioAccess.series((at, i, loaded) -> upstreamCongested(at, i, loaded, "contracted"),
                "contracted");
        QosAssessment a = QosAdvisor.assess(all, FACTS, S.withTime(S.bucket(), S.window(), 1), NOW);
        assertThat(a.samples()).isEqualTo(61); // Monday only
        assertThat(a.from()).isEqualTo(NOW.minus(java.time.Duration.ofDays(1)));
    }

    @Test
    void nullAndEmptyInputNeverThrow() {
        assertThat(QosAdvisor.assess(null, FACTS, null, NOW).verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(assess(new SiteSeries(null, null)).samplesNeeded()).isEqualTo(new SamplesNeeded(30, 10));
    }

    private static Correlation find(QosAssessment a, Direction d, QualityMetric m) {
        return a.correlations().stream().filter(c -> c.direction() == d && c.metric() == m).findFirst().orElseThrow();
    }
}
