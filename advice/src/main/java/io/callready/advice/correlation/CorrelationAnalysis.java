package io.callready.advice.correlation;

import io.callready.advice.AdviceSettings;
import io.callready.advice.Direction;
import io.callready.advice.Figures;
import io.callready.advice.QualityMetric;
import io.callready.advice.QualitySample;
import org.apache.commons.math3.stat.descriptive.rank.Median;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Correlations per target, direction and metric. A correlation is {@code significant} only when its interval
 * excludes 0 on the harmful side AND the effect reaches the metric's minimum: on a protected link jitter can rank-
 * correlate with load at 0.12 vs 0.15 ms, which is no congestion. The effect is the metric's median at loaded
 * utilisation minus its median at quiet utilisation (each group needs {@code kneeMinBandSamples} samples), else
 * the more-loaded half minus the less-loaded half.
 */
public final class CorrelationAnalysis {
    private CorrelationAnalysis() {
    }

    public static List<Correlation> analyse(List<QualitySample> samples, AdviceSettings settings) {
        Map<String, List<QualitySample>> byTarget = new TreeMap<>();
        for (QualitySample s : samples) {
            byTarget.computeIfAbsent(s.target() == null ? "" : s.target(), k -> new ArrayList<>()).add(s);
        }
        List<Correlation> result = new ArrayList<>();
        for (Map.Entry<String, List<QualitySample>> e : byTarget.entrySet()) {
            for (Direction d : Direction.values()) {
                for (QualityMetric m : QualityMetric.values()) {
                    correlation(e.getKey(), e.getValue(), d, m, settings).ifPresent(result::add);
                }
            }
        }
        return result;
    }

    /** Empty when no sample has both the metric and the utilisation. */
    static Optional<Correlation> correlation(String target, List<QualitySample> samples, Direction d,
                                                       QualityMetric m, AdviceSettings settings) {
        List<double[]> pairs = new ArrayList<>();
        for (QualitySample s : samples) {
            Double u = m.utilisationPct(s, d);
            Double v = m.value(s, d);
            if (u != null && v != null && Double.isFinite(u) && Double.isFinite(v)) {
                pairs.add(new double[] {u, v});
            }
        }
        if (pairs.isEmpty()) {
            return Optional.empty();
        }
        double[] util = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] value = pairs.stream().mapToDouble(p -> p[1]).toArray();
        RankCorrelation.Result r = RankCorrelation.of(util, value, settings.confidenceLevel());
        Double effect = effect(util, value, settings);
        boolean intervalHarmful = r.rho() != null
                && (m.harmfulSign() > 0 ? r.ciLow() > 0 : r.ciHigh() < 0);
        boolean effectLarge = effect != null && effect * m.harmfulSign() >= m.minEffect(settings);
        String note = r.note();
        if (intervalHarmful && !effectLarge) {
            note = "effect " + (effect == null ? "unknown" : m.format(Math.abs(effect))) + " is below the minimum "
                    + m.format(m.minEffect(settings)) + ": not taken as load-related";
        }
        return Optional.of(new Correlation(target, d, m, r.n(), r.rho(), r.ciLow(), r.ciHigh(),
                effect, intervalHarmful && effectLarge, note));
    }

    /** Median at loaded minus median at quiet utilisation, else upper half minus lower half; null below 2 pairs. */
    static Double effect(double[] util, double[] value, AdviceSettings settings) {
        List<Double> loaded = new ArrayList<>();
        List<Double> quiet = new ArrayList<>();
        for (int i = 0; i < util.length; i++) {
            if (util[i] >= settings.loadedUtilisationPct()) {
                loaded.add(value[i]);
            } else if (util[i] < settings.quietUtilisationPct()) {
                quiet.add(value[i]);
            }
        }
        if (loaded.size() >= settings.kneeMinBandSamples() && quiet.size() >= settings.kneeMinBandSamples()) {
            return median(loaded) - median(quiet);
        }
        if (util.length < 2) {
            return null;
        }
        Integer[] order = new Integer[util.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(util[a], util[b]));
        int half = util.length / 2;
        List<Double> lower = new ArrayList<>();
        List<Double> upper = new ArrayList<>();
        for (int i = 0; i < half; i++) {
            lower.add(value[order[i]]);
            upper.add(value[order[util.length - 1 - i]]);
        }
        return median(upper) - median(lower);
    }

    private static double median(List<Double> values) {
        return new Median().evaluate(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** "Spearman rho 0.78 (95 % CI 0.61 to 0.88, n 151) between upstream utilisation and loss at X". */
    public static String describe(Correlation c, AdviceSettings settings) {
        String load = c.metric() == QualityMetric.MOS ? "the worse direction's utilisation"
                : c.direction().adjective() + " utilisation";
        String metricLabel = c.metric().label();
        String where = c.target().isEmpty() ? "" : " at " + c.target();
        if (c.rho() == null) {
            return "no rank correlation between " + load + " and " + metricLabel + where + " (n " + c.n() + "): "
                    + c.note();
        }
        return "Spearman rho " + Figures.number(c.rho()) + " (" + Figures.number(settings.confidenceLevel() * 100)
                + " % CI " + Figures.number(c.ciLow()) + " to " + Figures.number(c.ciHigh()) + ", n " + c.n()
                + ") between " + load + " and " + metricLabel + where
                + (c.effect() == null ? "" : "; " + metricLabel + " " + signed(c.metric(), c.effect()) + " when loaded");
    }

    private static String signed(QualityMetric m, double effect) {
        return (effect >= 0 ? "+" : "−") + m.format(Math.abs(effect));
    }
}
