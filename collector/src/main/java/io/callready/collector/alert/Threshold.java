package io.callready.collector.alert;

/** Warning and critical levels of one metric; for MOS "worse" means lower. */
public record Threshold(AlertMetric metric, double warning, double critical) {
    public static final int CLEAR = 0;
    public static final int HYSTERESIS_BAND = 1;
    public static final int WARNING_LEVEL = 2;
    public static final int CRITICAL_LEVEL = 3;

    /** Null when the pair is usable, else why not. */
    public String problem() {
        if (!Double.isFinite(warning) || !Double.isFinite(critical)) {
            return "warning and critical must be numbers";
        }
        if (metric.higherIsWorse() ? critical < warning : critical > warning) {
            return metric.higherIsWorse() ? "critical must be at least warning" : "critical must be at most warning (lower MOS is worse)";
        }
        return null;
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
