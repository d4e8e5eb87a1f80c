package io.callready.collector.alert;

import io.callready.collector.problem.FieldError;

/** Warning and critical levels of one metric; for MOS "worse" means lower. */
public record Threshold(AlertMetric metric, double warning, double critical) {
    public static final int CLEAR = 0;
    public static final int HYSTERESIS_BAND = 1;
    public static final int WARNING_LEVEL = 2;
    public static final int CRITICAL_LEVEL = 3;

    /** Null when the pair is usable, else why not. */
    public String problem() {
        FieldError e = problem(metric.wireName());
        return e == null ? null : e.message();
    }

    /**
     * Null when the pair is usable, else the error: on {@code <name>.warning} or {@code <name>.critical} for a
     * value outside what the metric can measure, on {@code <name>} for a pair in the wrong order.
     */
    public FieldError problem(String name) {
        if (!Double.isFinite(warning) || !Double.isFinite(critical)) {
            return new FieldError(name, "warning and critical must be numbers");
        }
        FieldError range = outOfRange(name, "warning", warning);
        if (range == null) {
            range = outOfRange(name, "critical", critical);
        }
        if (range != null) {
            return range;
        }
        if (metric.higherIsWorse() ? critical < warning : critical > warning) {
            return new FieldError(name, metric.higherIsWorse() ? "critical must be at least warning"
                    : "critical must be at most warning (lower MOS is worse)");
        }
        return null;
    }

    private FieldError outOfRange(String name, String level, double value) {
        if (value >= metric.lowest() && value <= metric.highest()) {
            return null;
        }
        return new FieldError(name + "." + level, "must lie between " + plain(metric.lowest()) + " and " + plain(metric.highest())
                + " for " + metric.wireName() + ", got " + value);
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * The level of one sample: critical, warning, inside the hysteresis band just on the good side of warning
     * (not a breach, but not clear either), or clear.
     */
    public int levelOf(double value, double hysteresisRatio) {
        if (worse(value, critical)) {
            return CRITICAL_LEVEL;
        }
        if (worse(value, warning)) {
            return WARNING_LEVEL;
        }
        double margin = Math.abs(warning) * hysteresisRatio;
        double clearLevel = metric.higherIsWorse() ? warning - margin : warning + margin;
        return worse(value, clearLevel) ? HYSTERESIS_BAND : CLEAR;
    }

    public Severity severityOfLevel(int level) {
        return level >= CRITICAL_LEVEL ? Severity.CRITICAL : Severity.WARNING;
    }

    public double thresholdFor(Severity severity) {
        return severity == Severity.CRITICAL ? critical : warning;
    }

    /** Strictly worse, as DOMAIN.md words it: jitter "> 30 ms" is problematic, MOS "< 4.0" warns. */
    private boolean worse(double value, double level) {
        return metric.higherIsWorse() ? value > level : value < level;
    }
}
