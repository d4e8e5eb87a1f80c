package io.callready.agent.quality;

/**
 * Quality limits a probe result is graded against (DOMAIN.md, industry-standard VoIP). Values are in the
 * units of the metrics they grade: milliseconds and loss as a ratio (0.005 = 0.5 %).
 * A value is "good" below the good limit, "acceptable" below the acceptable limit; RTT between the
 * acceptable and the problematic limit is "poor"; anything beyond is "problematic".
 */
public record Thresholds(
        double jitterGoodMs,
        double jitterAcceptableMs,
        double lossGoodRatio,
        double lossAcceptableRatio,
        double rttGoodMs,
        double rttAcceptableMs,
        double rttProblematicMs,
        double mosGood) {

    public static final Thresholds DEFAULTS = new Thresholds(20, 30, 0.005, 0.01, 100, 150, 200, 4.0);
}
