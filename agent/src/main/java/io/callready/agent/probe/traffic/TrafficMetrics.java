package io.callready.agent.probe.traffic;

import io.callready.wire.plan.LineRate;
import io.callready.wire.plan.TrafficSource;
import io.callready.wire.result.MetricNames;

import java.util.LinkedHashMap;
import java.util.Map;

/** The metrics and labels a sample puts on a {@code wan_traffic} result, and the {@code wan_*} subset a burst carries. */
public final class TrafficMetrics {
    private TrafficMetrics() {
    }

    public record Sample(Map<String, Double> metrics, Map<String, String> labels, String problem) {
    }

    /** The background series' result: rates, utilisation, line and port rates, discard and error deltas. */
    public static Sample series(CounterDelta.Rates r, LineRate contracted, TrafficSource source) {
        Utilisation u = Utilisation.of(r.upBps(), r.downBps(), contracted, r.portSpeedBps());
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(MetricNames.UP_BPS, r.upBps());
        m.put(MetricNames.DOWN_BPS, r.downBps());
        putIfKnown(m, MetricNames.UP_UTILISATION_PCT, u.upPct());
        putIfKnown(m, MetricNames.DOWN_UTILISATION_PCT, u.downPct());
        if (contracted != null) {
            m.put(MetricNames.LINE_UP_BPS, (double) contracted.upBps());
            m.put(MetricNames.LINE_DOWN_BPS, (double) contracted.downBps());
        }
        if (r.portSpeedBps() != null) {
            m.put(MetricNames.PORT_SPEED_BPS, (double) r.portSpeedBps());
        }
        putIfKnown(m, MetricNames.IN_DISCARDS, r.inDiscards());
        putIfKnown(m, MetricNames.OUT_DISCARDS, r.outDiscards());
        putIfKnown(m, MetricNames.OUT_ERRORS, r.outErrors());
        m.put(MetricNames.SAMPLE_MS, r.sampleMs());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MetricNames.LABEL_INTERFACE, r.interfaceName());
        labels.put(MetricNames.LABEL_SOURCE, source.wireName());
        if (u.source() != null) {
            labels.put(MetricNames.LABEL_LINE_RATE_SOURCE, u.source());
        }
        labels.put(MetricNames.LABEL_COUNTER_BITS, Integer.toString(r.counterBits()));
        return new Sample(m, labels, u.problem());
    }

    /** What an RTP burst result gains: the WAN rates and utilisation over the burst's own seconds. */
    public static Sample burst(CounterDelta.Rates r, LineRate contracted) {
        Utilisation u = Utilisation.of(r.upBps(), r.downBps(), contracted, r.portSpeedBps());
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(MetricNames.WAN_UP_BPS, r.upBps());
        m.put(MetricNames.WAN_DOWN_BPS, r.downBps());
        putIfKnown(m, MetricNames.WAN_UP_UTILISATION_PCT, u.upPct());
        putIfKnown(m, MetricNames.WAN_DOWN_UTILISATION_PCT, u.downPct());
        Map<String, String> labels = new LinkedHashMap<>();
        if (u.source() != null) {
            labels.put(MetricNames.LABEL_WAN_LINE_RATE_SOURCE, u.source());
        }
        if (u.problem() != null) {
            labels.put(MetricNames.LABEL_WAN_TRAFFIC, "unavailable: " + u.problem());
        }
        return new Sample(m, labels, u.problem());
    }

    private static void putIfKnown(Map<String, Double> m, String key, Number value) {
        if (value != null) {
            m.put(key, value.doubleValue());
        }
    }
}
