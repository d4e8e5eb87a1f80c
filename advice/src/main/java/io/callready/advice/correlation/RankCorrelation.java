package io.callready.advice.correlation;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Spearman's rho (commons-math3, ties get their average rank) with a Fisher-z confidence interval whose standard
 * error carries the Bonett–Wright (2000) correction for Spearman: se = sqrt((1 + rho²/2) / (n − 3)).
 * Undefined (null rho) below 4 pairs or when either variable never varies, never NaN.
 */
public final class RankCorrelation {
    static final int MIN_PAIRS = 4;
    private static final double RHO_LIMIT = 1 - 1e-12;

    private RankCorrelation() {
    }

    /**
     * @param rho    null when undefined
     * @param ciLow  null when undefined
     * @param ciHigh null when undefined
     * @param note   why rho is undefined, else null
     */
    public record Result(int n, Double rho, Double ciLow, Double ciHigh, String note) {
    }

    public static Result of(double[] x, double[] y, double confidenceLevel) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        int n = x.length;
        if (n < MIN_PAIRS) {
            return new Result(n, null, null, null, "fewer than " + MIN_PAIRS + " pairs");
        }
        if (constant(x)) {
            return new Result(n, null, null, null, "utilisation never varied");
        }
        if (constant(y)) {
            return new Result(n, null, null, null, "the metric never varied");
        }
        double raw = new SpearmansCorrelation().correlation(x, y);
        if (!Double.isFinite(raw)) {
            return new Result(n, null, null, null, "rank correlation undefined");
        }
        double rho = Math.max(-1, Math.min(1, raw));
        double[] ci = interval(rho, n, confidenceLevel);
        return new Result(n, rho, ci[0], ci[1], null);
    }

    /** {low, high} for rho from n pairs, n ≥ 4; |rho| = 1 (z infinite) gives the degenerate interval {rho, rho}. */
    static double[] interval(double rho, int n, double confidenceLevel) {
        if (Math.abs(rho) >= RHO_LIMIT) {
            return new double[] {rho, rho};
        }
        double z = atanh(rho);
        double se = Math.sqrt((1 + rho * rho / 2) / (n - 3));
        double zCrit = new NormalDistribution().inverseCumulativeProbability(1 - (1 - confidenceLevel) / 2);
        return new double[] {Math.tanh(z - zCrit * se), Math.tanh(z + zCrit * se)};
    }

    private static double atanh(double r) {
        return 0.5 * Math.log((1 + r) / (1 - r));
    }

    private static boolean constant(double[] v) {
        for (double e : v) {
            if (e != v[0]) {
                return false;
            }
        }
        return true;
    }
}
