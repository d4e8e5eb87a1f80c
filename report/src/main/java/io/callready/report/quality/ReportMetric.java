package io.callready.report.quality;

import io.callready.advice.Direction;
import io.callready.advice.Figures;
import io.callready.advice.QualitySample;

/**
 * The metrics the report judges, with the seed's good / acceptable limits (DOMAIN.md "Quality thresholds"). Beyond
 * the acceptable limit a value is problematic: the seed leaves 150–200 ms round trip unnamed, the report counts it
 * as problematic rather than hide it. MOS has only "good > 4.0" in the seed; 3.6 is where G.107 puts "many users
 * dissatisfied", so the report calls 3.6–4.0 acceptable.
 */
public enum ReportMetric {
    JITTER("jitter", 20, 30, true),
    LOSS("packet loss", 0.005, 0.01, true),
    RTT("round trip", 100, 150, false),
    MOS("MOS", 4.0, 3.6, true);

    private final String label;
    private final double goodLimit;
    private final double acceptableLimit;
    private final boolean perDirection;

    ReportMetric(String label, double goodLimit, double acceptableLimit, boolean perDirection) {
        this.label = label;
        this.goodLimit = goodLimit;
        this.acceptableLimit = acceptableLimit;
        this.perDirection = perDirection;
    }

    public String label() {
        return label;
    }

    /** RTT is one figure for both directions. */
    public boolean perDirection() {
        return perDirection;
    }

    /** Only MOS gets better upwards. */
    public boolean higherIsBetter() {
        return this == MOS;
    }

    /** The seed's limits, the report's defaults. */
    QualityThresholds.Limits seedLimits() {
        return new QualityThresholds.Limits(goodLimit, acceptableLimit);
    }

    /** Against the seed's limits. */
    public Rating rate(double value) {
        return rate(value, seedLimits());
    }

    public Rating rate(double value, QualityThresholds.Limits limits) {
        if (higherIsBetter()) {
            return value > limits.good() ? Rating.GOOD : value >= limits.acceptable() ? Rating.ACCEPTABLE : Rating.PROBLEMATIC;
        }
        return value < limits.good() ? Rating.GOOD : value < limits.acceptable() ? Rating.ACCEPTABLE : Rating.PROBLEMATIC;
    }

    /** The sample's value (direction ignored for RTT), null when not measured. */
    public Double value(QualitySample s, Direction d) {
        return switch (this) {
            case JITTER -> s.jitterMs(d);
            case LOSS -> s.lossRatio(d);
            case RTT -> s.rttMs();
            case MOS -> s.mos(d);
        };
    }

    public String format(double value) {
        return switch (this) {
            case JITTER, RTT -> Figures.ms(value);
            case LOSS -> Figures.ratioAsPct(value);
            case MOS -> Figures.number(value);
        };
    }

    /** "good < 20 ms, acceptable < 30 ms" for the seed's limits. */
    public String thresholdText() {
        return thresholdText(seedLimits());
    }

    public String thresholdText(QualityThresholds.Limits limits) {
        String op = higherIsBetter() ? "> " : "< ";
        String acceptableOp = higherIsBetter() ? "≥ " : "< ";
        return "good " + op + format(limits.good()) + ", acceptable " + acceptableOp + format(limits.acceptable());
    }
}
