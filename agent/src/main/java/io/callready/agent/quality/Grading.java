package io.callready.agent.quality;

import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ResultStatus;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Grades a measured result: {@code ok} when every graded metric present is good, otherwise {@code degraded}
 * with a reason naming each metric, its value, the limit it crossed and its level,
 * e.g. {@code jitter_down_ms 34.2 > 30 (problematic)}.
 */
public final class Grading {
    public static final String ALL_GOOD = "all graded metrics good";

    private Grading() {
    }

    public record Grade(ResultStatus status, String reason) {
    }

    public static Grade grade(Map<String, Double> metrics, Thresholds t) {
        List<String> findings = new ArrayList<>();
        for (String name : List.of(MetricNames.JITTER_UP_MS, MetricNames.JITTER_DOWN_MS)) {
            above(metrics.get(name), name, "%.1f", t.jitterGoodMs(), t.jitterAcceptableMs(), Double.NaN, findings);
        }
        for (String name : List.of(MetricNames.LOSS_UP_RATIO, MetricNames.LOSS_DOWN_RATIO, MetricNames.LOSS_ROUND_TRIP_RATIO)) {
            above(metrics.get(name), name, "%.4f", t.lossGoodRatio(), t.lossAcceptableRatio(), Double.NaN, findings);
        }
        above(metrics.get(MetricNames.RTT_MS), MetricNames.RTT_MS, "%.1f", t.rttGoodMs(), t.rttAcceptableMs(), t.rttProblematicMs(), findings);
        Double mos = metrics.get(MetricNames.MOS);
        if (mos != null && !(mos > t.mosGood())) {
            findings.add(MetricNames.MOS + " " + format("%.2f", mos) + " <= " + plain(t.mosGood()) + " (below good)");
        }
        return findings.isEmpty()
                ? new Grade(ResultStatus.OK, ALL_GOOD)
                : new Grade(ResultStatus.DEGRADED, String.join("; ", findings));
    }

    /** Grades a metric where lower is better; {@code poorLimit} NaN when the metric has no "poor" band. */
    private static void above(Double value, String name, String valueFormat, double goodLimit, double acceptableLimit,
                              double poorLimit, List<String> findings) {
        if (value == null || value < goodLimit) {
            return;
        }
        double limit;
        String level;
        if (value < acceptableLimit) {
            limit = goodLimit;
            level = "acceptable";
        } else if (!Double.isNaN(poorLimit) && value <= poorLimit) {
            limit = acceptableLimit;
            level = "poor";
        } else {
            limit = Double.isNaN(poorLimit) ? acceptableLimit : poorLimit;
            level = "problematic";
        }
        String relation = value > limit ? " > " : " >= ";
        findings.add(name + " " + format(valueFormat, value) + relation + plain(limit) + " (" + level + ")");
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    private static String plain(double limit) {
        return BigDecimal.valueOf(limit).stripTrailingZeros().toPlainString();
    }
}
