package io.callready.report;

import io.callready.advice.QualitySample;
import io.callready.report.profile.ProfileLoader;
import io.callready.report.profile.ProviderProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportBuilderTest {
    static final List<QualitySample> CLEAN = IntStream.range(0, 20).mapToObj(Samples::good).toList();
    static final RouterItem ALG_OFF = new RouterItem("SIP ALG", "SIP ALG", CheckState.PASS, "no header rewritten", null);

    @Test
    void allPassAndGoodQualityIsReady() throws Exception {
        ReadinessReport r = ReportBuilder.build(input(CLEAN, List.of(ALG_OFF), 10));
        assertThat(r.readiness()).isEqualTo(Readiness.READY);
        assertThat(r.reasons()).isEmpty();
        assertThat(r.changeRequest().provider()).isEqualTo("SmartAlex");
    }

    @Test
    void aWarningOrAnUncheckedItemIsReadyWithWarnings() throws Exception {
        RouterItem udp = new RouterItem("UDP timeouts", "NAT binding lifetime", CheckState.SKIPPED, "no relay", null);
        ReadinessReport r = ReportBuilder.build(input(CLEAN, List.of(ALG_OFF, udp), 10));
        assertThat(r.readiness()).isEqualTo(Readiness.READY_WITH_WARNINGS);
        assertThat(r.reasons()).containsExactly("UDP timeouts: NAT binding lifetime was not checked");
    }

    @Test
    void aFailingItemOrProblematicTailIsNotReadyAndFailuresComeFirst() throws Exception {
        RouterItem alg = new RouterItem("SIP ALG", "SIP ALG", CheckState.FAIL, "Via rewritten", "no inspect sip");
        List<QualitySample> lossy = new ArrayList<>(CLEAN);
        lossy.add(Samples.burst(30, 3, 4, 0.03, 0, 25, 4.3, 4.3));
        lossy.add(Samples.burst(31, 3, 4, 0.025, 0, 25, 4.3, 4.3));
        // 22 bursts: the 95th percentile is rank ceil(20.9) = 21, the second-worst loss (2.5 %)
        ReadinessReport r = ReportBuilder.build(input(lossy, List.of(alg, new RouterItem("DNS", "SRV", CheckState.WARN, "", null)), 10));
        assertThat(r.readiness()).isEqualTo(Readiness.NOT_READY);
        assertThat(r.reasons()).containsExactly("SIP ALG: SIP ALG failed",
                "packet loss upstream is problematic (95th percentile 2.5 %)", "DNS: SRV needs attention");
    }

    @Test
    void noSamplesIsAWarningNotAPass() throws Exception {
        ReadinessReport r = ReportBuilder.build(input(List.of(), List.of(ALG_OFF), null));
        assertThat(r.readiness()).isEqualTo(Readiness.READY_WITH_WARNINGS);
        assertThat(r.reasons()).containsExactly("network quality was not measured in this window");
    }

    @Test
    void bandwidthIsAdvicesSizingPerProfileCodec() throws Exception {
        ReadinessReport r = ReportBuilder.build(input(CLEAN, List.of(), 10));
        // G.711 20 ms: 218 B × 50/s = 87.2 kbit/s; 10 calls × 87.2 × 1.10 = 959.2 → 960
        BandwidthRow g711 = r.bandwidth().getFirst();
        assertThat(g711.codec()).isEqualTo("g711");
        assertThat(g711.perCallKbps()).isCloseTo(87.2, within(1e-9));
        assertThat(g711.totalKbps()).isEqualTo(960.0);
        assertThat(g711.profileKbps()).isEqualTo(90);
        // G.729 20 ms: 78 B × 50/s = 31.2 kbit/s; 343.2 → 344
        BandwidthRow g729 = r.bandwidth().get(2);
        assertThat(g729.perCallKbps()).isCloseTo(31.2, within(1e-9));
        assertThat(g729.totalKbps()).isEqualTo(344.0);
        assertThat(ReportBuilder.build(input(CLEAN, List.of(), null)).bandwidth().getFirst().totalText()).isEqualTo("–");
    }

    static ReportInput input(List<QualitySample> samples, List<RouterItem> items, Integer calls) throws Exception {
        ProviderProfile p = new ProfileLoader().load("smartalex");
        return new ReportInput("Branch 7", "Acme", "agent branch7-gw", Samples.T0, Samples.T0.plusSeconds(86400),
                Samples.T0.plusSeconds(86500), samples, items, p, calls, null);
    }
}
