package io.callready.report.quality;

import io.callready.advice.Direction;
import io.callready.advice.QualitySample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Judges a window of bursts against the thresholds: shares per band, median and the worse tail. */
public final class QualityAnalysis {
    private static final double TAIL = 0.95;

    private QualityAnalysis() {
    }

    /** Against the seed's thresholds. */
    public static List<QualityRow> rows(List<QualitySample> samples) {
        return rows(samples, QualityThresholds.DEFAULTS);
    }

    /** Rows in a fixed order: jitter, loss, MOS per direction (up, down), then round trip. */
    public static List<QualityRow> rows(List<QualitySample> samples, QualityThresholds thresholds) {
        List<QualityRow> rows = new ArrayList<>();
        for (ReportMetric m : ReportMetric.values()) {
            if (m.perDirection()) {
                for (Direction d : Direction.values()) {
                    rows.add(row(m, thresholds.of(m), d.adjective(), values(samples, m, d)));
                }
            } else {
                rows.add(row(m, thresholds.of(m), "both", values(samples, m, Direction.UP)));
            }
        }
        return rows;
    }

    static QualityRow row(ReportMetric m, QualityThresholds.Limits limits, String direction, double[] values) {
        if (values.length == 0) {
            return new QualityRow(m, direction, 0, "–", "–", 0, 0, 0, Rating.NOT_MEASURED, limits);
        }
        int good = 0;
        int acceptable = 0;
        for (double v : values) {
            switch (m.rate(v, limits)) {
                case GOOD -> good++;
                case ACCEPTABLE -> acceptable++;
                default -> { }
            }
        }
        double n = values.length;
        double tail = nearestRank(values, m.higherIsBetter() ? 1 - TAIL : TAIL);
        return new QualityRow(m, direction, values.length, m.format(nearestRank(values, 0.5)), m.format(tail),
                100 * good / n, 100 * acceptable / n, 100 * (values.length - good - acceptable) / n, m.rate(tail, limits), limits);
    }

    /** Nearest-rank percentile: the smallest value with at least {@code q} of the values at or below it. */
    static double nearestRank(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double[] values(List<QualitySample> samples, ReportMetric m, Direction d) {
        return samples.stream().map(s -> m.value(s, d)).filter(Objects::nonNull).filter(Double::isFinite)
                .mapToDouble(Double::doubleValue).toArray();
    }
}
