package io.callready.advice.correlation;

import io.callready.advice.AdviceSettings;
import io.callready.advice.Breaches;
import io.callready.advice.Direction;
import io.callready.advice.Figures;
import io.callready.advice.QualitySample;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Knee by breach rate per utilisation band against the baseline below it: bands {@code kneeBandPct} wide; the knee
 * band is the lowest band with at least {@code kneeMinBandSamples} samples whose breach rate, and the breach rate of
 * everything at or above it, reach {@code congestedBreachRate} and exceed the rate below the band by
 * {@code minBreachRateLift}; the rate below needs {@code kneeMinBandSamples} samples of its own (no baseline, no
 * knee). The knee is the lowest utilisation of a breaching sample in that band.
 */
public final class KneeFinder {
    private KneeFinder() {
    }

    public static Optional<Knee> find(List<QualitySample> samples, Direction d, AdviceSettings settings) {
        List<double[]> points = new ArrayList<>();
        for (QualitySample s : samples) {
            Double u = s.utilisationPct(d);
            if (u != null && Double.isFinite(u)) {
                points.add(new double[] {u, Breaches.any(s, d, settings) ? 1 : 0});
            }
        }
        double width = settings.kneeBandPct();
        TreeMap<Long, int[]> bands = new TreeMap<>();
        for (double[] p : points) {
            int[] c = bands.computeIfAbsent((long) Math.floor(p[0] / width), k -> new int[2]);
            c[0]++;
            c[1] += (int) p[1];
        }
        for (var band : bands.entrySet()) {
            int[] c = band.getValue();
            if (c[0] < settings.kneeMinBandSamples()) {
                continue;
            }
            double low = band.getKey() * width;
            int above = 0;
            int breachesAbove = 0;
            int below = 0;
            int breachesBelow = 0;
            double knee = Double.MAX_VALUE;
            for (double[] p : points) {
                if (p[0] >= low) {
                    above++;
                    breachesAbove += (int) p[1];
                    if (p[1] == 1 && p[0] < low + width) {
                        knee = Math.min(knee, p[0]);
                    }
                } else {
                    below++;
                    breachesBelow += (int) p[1];
                }
            }
            double bandRate = (double) c[1] / c[0];
            double aboveRate = (double) breachesAbove / above;
            double belowRate = below == 0 ? 0 : (double) breachesBelow / below;
            if (below >= settings.kneeMinBandSamples() && bandRate >= settings.congestedBreachRate()
                    && aboveRate >= settings.congestedBreachRate()
                    && aboveRate - belowRate >= settings.minBreachRateLift()) {
                return Optional.of(new Knee(d, knee, low, breachesAbove, above, breachesBelow, below,
                        "breach rate per " + Figures.number(width) + " % utilisation band against the rate below it: "
                                + "first band with at least " + Figures.pct(settings.congestedBreachRate() * 100)
                                + " breaching bursts, and " + Math.round(settings.minBreachRateLift() * 100)
                                + " percentage points more than below it"));
            }
        }
        return Optional.empty();
    }
}
