package io.callready.advice;

import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SiteSeriesTest {
    private static final Instant T = Instant.parse("2026-12-01T09:00:00Z");

    private static ProbeResult burst(Instant at, ResultStatus status, Map<String, Double> metrics, Map<String, String> labels) {
        return new ProbeResult(UUID.randomUUID(), "agent-1", ProbeKind.RTP_BURST, "refl:5004", at, 10_000, status,
                "ok", metrics, labels, null);
    }

    private static Map<String, Double> burstMetrics() {
        Map<String, Double> m = new HashMap<>();
        m.put(MetricNames.LOSS_UP_RATIO, 0.02);
        m.put(MetricNames.LOSS_DOWN_RATIO, 0.0);
        m.put(MetricNames.JITTER_UP_MS, 12.5);
        m.put(MetricNames.JITTER_DOWN_MS, 0.3);
        m.put(MetricNames.LATE_DISCARDS_UP, 5.0);
        m.put(MetricNames.LATE_DISCARDS_DOWN, 0.0);
        m.put(MetricNames.PACKETS_SENT, 500.0);
        m.put(MetricNames.RTT_MS, 184.0);
        m.put(MetricNames.MOS, 3.9);
        m.put(MetricNames.MOS_UP, 3.8);
        m.put(MetricNames.MOS_DOWN, 4.3);
        m.put("wan_up_bps", 1.9e6);
        m.put("wan_down_bps", 1e5);
        m.put("wan_up_utilisation_pct", 95.0);
        m.put("wan_down_utilisation_pct", 0.5);
        return m;
    }

    @Test
    void extractsBurstsWithTheirBurstAlignedUtilisation() {
        SiteSeries s = SiteSeries.from(List.of(burst(T, ResultStatus.DEGRADED, burstMetrics(),
                Map.of("wan_line_rate_source", "contracted"))));
        assertThat(s.traffic()).isEmpty();
        QualitySample q = s.quality().getFirst();
        assertThat(q.at()).isEqualTo(T);
        assertThat(q.target()).isEqualTo("refl:5004");
        assertThat(q.upUtilisationPct()).isEqualTo(95.0);
        assertThat(q.downUtilisationPct()).isEqualTo(0.5);
        assertThat(q.lineRateSource()).isEqualTo("contracted");
        assertThat(q.lossUpRatio()).isEqualTo(0.02);
        assertThat(q.jitterUpMs()).isEqualTo(12.5);
        assertThat(q.lateDiscardRatio(Direction.UP)).isEqualTo(0.01);
        assertThat(q.rttMs()).isEqualTo(184.0);
        assertThat(q.mos(Direction.UP)).isEqualTo(3.8);
        assertThat(q.worseUtilisationPct()).isEqualTo(95.0);
    }

    @Test
    void skipsFailedResultsOtherKindsAndResultsWithoutTheMetrics() {
        List<ProbeResult> results = new ArrayList<>(Arrays.asList(
                burst(T, ResultStatus.FAILED, burstMetrics(), Map.of()),
                burst(T, ResultStatus.ERROR, burstMetrics(), Map.of()),
                burst(T, ResultStatus.OK, Map.of(MetricNames.RTT_MS, 20.0), Map.of()),
                burst(null, ResultStatus.OK, burstMetrics(), Map.of()),
                new ProbeResult(UUID.randomUUID(), "a", ProbeKind.STAMP, "x", T, 1, ResultStatus.OK, "ok",
                        burstMetrics(), Map.of(), null),
                null));
        assertThat(SiteSeries.from(results).quality()).isEmpty();
        assertThat(SiteSeries.from(null).quality()).isEmpty();
    }

    @Test
    void aBurstWithoutCountersKeepsItsQualityWithNullUtilisation() {
        Map<String, Double> m = burstMetrics();
        m.remove("wan_up_utilisation_pct");
        m.remove("wan_down_utilisation_pct");
        m.put(MetricNames.JITTER_UP_MS, Double.NaN);
        QualitySample q = SiteSeries.from(List.of(burst(T, ResultStatus.OK, m,
                Map.of("wan_traffic", "unavailable: timeout")))).quality().getFirst();
        assertThat(q.upUtilisationPct()).isNull();
        assertThat(q.worseUtilisationPct()).isNull();
        assertThat(q.jitterUpMs()).isNull();
    }

    @Test
    void ordersSamplesOldestFirst() {
        SiteSeries s = SiteSeries.from(List.of(burst(T.plusSeconds(60), ResultStatus.OK, burstMetrics(), Map.of()),
                burst(T, ResultStatus.OK, burstMetrics(), Map.of())));
        assertThat(s.quality()).extracting(QualitySample::at).containsExactly(T, T.plusSeconds(60));
    }

    /** wan_traffic results: read by kind name, so this also holds once the wire kind exists (contract A). */
    @Test
    void trafficSamplesNeedARateAndAUsableStatus() {
        Map<String, Double> m = Map.of("up_bps", 1.9e6, "down_bps", 2e5, "up_utilisation_pct", 95.0,
                "down_utilisation_pct", 2.0, "sample_ms", 60_000.0);
        TrafficSample t = SiteSeries.trafficSample(T, "snmp:10.0.0.1/wan", ResultStatus.OK, m,
                Map.of("line_rate_source", "port")).orElseThrow();
        assertThat(t.bps(Direction.UP)).isEqualTo(1.9e6);
        assertThat(t.utilisationPct(Direction.DOWN)).isEqualTo(2.0);
        assertThat(t.lineRateSource()).isEqualTo("port");
        assertThat(SiteSeries.trafficSample(T, "x", ResultStatus.DEGRADED, Map.of("sample_ms", 1.0), Map.of())).isEmpty();
        assertThat(SiteSeries.trafficSample(T, "x", ResultStatus.FAILED, m, Map.of())).isEmpty();
        assertThat(SiteSeries.trafficSample(T, "x", ResultStatus.OK, Map.of("up_bps", Double.POSITIVE_INFINITY),
                Map.of())).isEmpty();
    }

    /**
     * The collector's qos-advice job reads only {@link SiteSeries#METRICS_READ} and {@link SiteSeries#LABELS_READ}:
     * on 3,000 random results over every metric name the wire and this class know, every kind and status, and
     * values that are not finite, the series of the cut results equal those of the whole ones.
     */
    @Test
    void theKeysItReadsAreAllItNeeds() throws IllegalAccessException {
        List<String> metricKeys = new ArrayList<>(stringConstants(MetricNames.class));
        metricKeys.addAll(stringConstants(SiteSeries.class));
        List<String> labelKeys = new ArrayList<>(stringConstants(SiteSeries.class));
        labelKeys.addAll(List.of("interval", "codec", "dscp"));
        double[] odd = {Double.NaN, Double.POSITIVE_INFINITY, 0.0, -1.0};
        Random rnd = new Random(15);
        List<ProbeResult> whole = new ArrayList<>();
        List<ProbeResult> cut = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            Map<String, Double> metrics = new HashMap<>();
            for (String key : metricKeys) {
                if (rnd.nextInt(3) > 0) {
                    metrics.put(key, rnd.nextInt(10) == 0 ? odd[rnd.nextInt(odd.length)] : rnd.nextDouble() * 100);
                }
            }
            Map<String, String> labels = new HashMap<>();
            for (String key : labelKeys) {
                if (rnd.nextBoolean()) {
                    labels.put(key, "v" + rnd.nextInt(3));
                }
            }
            ProbeKind kind = rnd.nextBoolean() ? ProbeKind.RTP_BURST
                    : rnd.nextBoolean() ? ProbeKind.WAN_TRAFFIC : ProbeKind.values()[rnd.nextInt(ProbeKind.values().length)];
            ResultStatus status = ResultStatus.values()[rnd.nextInt(ResultStatus.values().length)];
            Instant at = T.plusSeconds(rnd.nextInt(86_400));
            whole.add(new ProbeResult(UUID.randomUUID(), "agent-1", kind, "t" + rnd.nextInt(2), at, 10_000, status, "r",
                    metrics, labels, null));
            metrics.keySet().retainAll(SiteSeries.METRICS_READ);
            labels.keySet().retainAll(SiteSeries.LABELS_READ);
            cut.add(new ProbeResult(UUID.randomUUID(), "agent-1", kind, whole.getLast().target(), at, 10_000, status, "r",
                    metrics, labels, null));
        }
        SiteSeries fromWhole = SiteSeries.from(whole);
        assertThat(fromWhole.quality()).hasSizeGreaterThan(500);
        assertThat(fromWhole.traffic()).hasSizeGreaterThan(200);
        assertThat(SiteSeries.from(cut)).isEqualTo(fromWhole);
    }

    private static List<String> stringConstants(Class<?> type) throws IllegalAccessException {
        List<String> out = new ArrayList<>();
        for (Field f : type.getDeclaredFields()) {
            if (f.getType() == String.class && Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                out.add((String) f.get(null));
            }
        }
        return out;
    }
}
