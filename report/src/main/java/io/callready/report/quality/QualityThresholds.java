package io.callready.report.quality;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The good / acceptable limits the report judges each metric by: the seed's (DOMAIN.md) unless the site or its
 * customer configured its own (the collector's alert thresholds: warning ends good, critical ends acceptable).
 *
 * @param limits every metric's limits
 * @param source what they come from, shown on the page
 */
public record QualityThresholds(Map<ReportMetric, Limits> limits, String source) {
    /** Where a value stops being good and where it stops being acceptable; for MOS both are lower bounds. */
    public record Limits(double good, double acceptable) {
    }

    public static final QualityThresholds DEFAULTS = defaults();

    public QualityThresholds {
        limits = Map.copyOf(limits);
        if (!limits.keySet().containsAll(Set.of(ReportMetric.values()))) {
            throw new IllegalArgumentException("every metric needs limits");
        }
    }

    public Limits of(ReportMetric metric) {
        return limits.get(metric);
    }

    /** These thresholds with one metric's limits replaced, and the source named. */
    public QualityThresholds with(ReportMetric metric, double good, double acceptable, String newSource) {
        Map<ReportMetric, Limits> changed = new EnumMap<>(limits);
        changed.put(metric, new Limits(good, acceptable));
        return new QualityThresholds(changed, newSource);
    }

    private static QualityThresholds defaults() {
        Map<ReportMetric, Limits> seed = new EnumMap<>(ReportMetric.class);
        for (ReportMetric m : ReportMetric.values()) {
            seed.put(m, m.seedLimits());
        }
        return new QualityThresholds(seed, "the seed thresholds (DOMAIN.md)");
    }
}
