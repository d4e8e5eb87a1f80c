package io.callready.advice;

import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A site's traffic series and quality samples, oldest first. {@link #from} is the one place where wire results
 * become analysis input, for the collector and the lab alike.
 */
public record SiteSeries(List<TrafficSample> traffic, List<QualitySample> quality) {

    static final String KIND_WAN_TRAFFIC = "wan_traffic";
    static final String KIND_RTP_BURST = "rtp_burst";
    static final String UP_BPS = "up_bps";
    static final String DOWN_BPS = "down_bps";
    static final String UP_UTILISATION_PCT = "up_utilisation_pct";
    static final String DOWN_UTILISATION_PCT = "down_utilisation_pct";
    static final String LABEL_LINE_RATE_SOURCE = "line_rate_source";
    static final String WAN_UP_UTILISATION_PCT = "wan_up_utilisation_pct";
    static final String WAN_DOWN_UTILISATION_PCT = "wan_down_utilisation_pct";
    static final String LABEL_WAN_LINE_RATE_SOURCE = "wan_line_rate_source";

    /**
     * Every metric key {@link #from} reads. A reader may leave out all other keys and the details, and gets the same
     * series: the collector's qos-advice job reads only these from each stored result, where the whole result (33
     * metrics, about 2 KB of details per burst) cost it more than the assessment.
     */
    public static final Set<String> METRICS_READ = Set.of(UP_BPS, DOWN_BPS, UP_UTILISATION_PCT, DOWN_UTILISATION_PCT,
            WAN_UP_UTILISATION_PCT, WAN_DOWN_UTILISATION_PCT, MetricNames.LOSS_UP_RATIO, MetricNames.LOSS_DOWN_RATIO,
            MetricNames.JITTER_UP_MS, MetricNames.JITTER_DOWN_MS, MetricNames.LATE_DISCARDS_UP,
            MetricNames.LATE_DISCARDS_DOWN, MetricNames.PACKETS_SENT, MetricNames.RTT_MS, MetricNames.MOS,
            MetricNames.MOS_UP, MetricNames.MOS_DOWN);
    /** Every label key {@link #from} reads; see {@link #METRICS_READ}. */
    public static final Set<String> LABELS_READ = Set.of(LABEL_LINE_RATE_SOURCE, LABEL_WAN_LINE_RATE_SOURCE);

    /** Drops null samples and samples without a time, and sorts the rest. */
    public SiteSeries {
        traffic = traffic == null ? List.of() : traffic.stream().filter(t -> t != null && t.at() != null)
                .sorted(Comparator.comparing(TrafficSample::at)).toList();
        quality = quality == null ? List.of() : quality.stream().filter(q -> q != null && q.at() != null)
                .sorted(Comparator.comparing(QualitySample::at)).toList();
    }

    /**
     * Extracts {@code wan_traffic} samples and {@code rtp_burst} quality samples. Results of other kinds, with a
     * failed or error status, or without the metrics that make a sample, are skipped; never throws.
     */
    public static SiteSeries from(Collection<ProbeResult> results) {
        List<TrafficSample> traffic = new ArrayList<>();
        List<QualitySample> quality = new ArrayList<>();
        if (results != null) {
            for (ProbeResult r : results) {
                if (r == null || r.kind() == null) {
                    continue;
                }
                String kind = r.kind().wireName();
                if (KIND_WAN_TRAFFIC.equals(kind)) {
                    trafficSample(r.startedAt(), r.target(), r.status(), r.metrics(), r.labels()).ifPresent(traffic::add);
                } else if (KIND_RTP_BURST.equals(kind)) {
                    qualitySample(r.startedAt(), r.target(), r.status(), r.metrics(), r.labels()).ifPresent(quality::add);
                }
            }
        }
        return new SiteSeries(traffic, quality);
    }

    /** A {@code wan_traffic} sample needs at least one rate; kept separate from {@link #from} so it is testable by kind name. */
    static Optional<TrafficSample> trafficSample(Instant at, String target, ResultStatus status,
                                                 Map<String, Double> metrics, Map<String, String> labels) {
        if (!usable(at, status, metrics)) {
            return Optional.empty();
        }
        Double up = finite(metrics.get(UP_BPS));
        Double down = finite(metrics.get(DOWN_BPS));
        if (up == null && down == null) {
            return Optional.empty();
        }
        return Optional.of(new TrafficSample(at, target, up, down, finite(metrics.get(UP_UTILISATION_PCT)),
                finite(metrics.get(DOWN_UTILISATION_PCT)), labels == null ? null : labels.get(LABEL_LINE_RATE_SOURCE)));
    }

    /** An {@code rtp_burst} sample needs at least one loss or jitter figure. */
    static Optional<QualitySample> qualitySample(Instant at, String target, ResultStatus status,
                                                 Map<String, Double> metrics, Map<String, String> labels) {
        if (!usable(at, status, metrics)) {
            return Optional.empty();
        }
        Double lossUp = finite(metrics.get(MetricNames.LOSS_UP_RATIO));
        Double lossDown = finite(metrics.get(MetricNames.LOSS_DOWN_RATIO));
        Double jitterUp = finite(metrics.get(MetricNames.JITTER_UP_MS));
        Double jitterDown = finite(metrics.get(MetricNames.JITTER_DOWN_MS));
        if (lossUp == null && lossDown == null && jitterUp == null && jitterDown == null) {
            return Optional.empty();
        }
        return Optional.of(new QualitySample(at, target,
                finite(metrics.get(WAN_UP_UTILISATION_PCT)), finite(metrics.get(WAN_DOWN_UTILISATION_PCT)),
                labels == null ? null : labels.get(LABEL_WAN_LINE_RATE_SOURCE),
                lossUp, lossDown, jitterUp, jitterDown,
                finite(metrics.get(MetricNames.LATE_DISCARDS_UP)), finite(metrics.get(MetricNames.LATE_DISCARDS_DOWN)),
                finite(metrics.get(MetricNames.PACKETS_SENT)), finite(metrics.get(MetricNames.RTT_MS)),
                finite(metrics.get(MetricNames.MOS)), finite(metrics.get(MetricNames.MOS_UP)),
                finite(metrics.get(MetricNames.MOS_DOWN))));
    }

    private static boolean usable(Instant at, ResultStatus status, Map<String, Double> metrics) {
        return at != null && metrics != null && (status == ResultStatus.OK || status == ResultStatus.DEGRADED);
    }

    private static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }
}
