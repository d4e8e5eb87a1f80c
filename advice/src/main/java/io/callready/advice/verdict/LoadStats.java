package io.callready.advice.verdict;

import io.callready.advice.AdviceSettings;
import io.callready.advice.Breaches;
import io.callready.advice.Direction;
import io.callready.advice.QualityMetric;
import io.callready.advice.QualitySample;
import org.apache.commons.math3.distribution.HypergeometricDistribution;

import java.util.List;

/** Breach counts of one direction, split into loaded (≥ loaded utilisation) and quiet (< quiet utilisation). */
record LoadStats(Direction direction, int loaded, int loadedBreaches, int quiet, int quietBreaches) {

    static LoadStats of(List<QualitySample> samples, Direction d, AdviceSettings s) {
        int loaded = 0;
        int loadedBreaches = 0;
        int quiet = 0;
        int quietBreaches = 0;
        for (QualitySample q : samples) {
            Double u = q.utilisationPct(d);
            if (u == null || !Double.isFinite(u)) {
                continue;
            }
            boolean breach = Breaches.any(q, d, s);
            if (u >= s.loadedUtilisationPct()) {
                loaded++;
                loadedBreaches += breach ? 1 : 0;
            } else if (u < s.quietUtilisationPct()) {
                quiet++;
                quietBreaches += breach ? 1 : 0;
            }
        }
        return new LoadStats(d, loaded, loadedBreaches, quiet, quietBreaches);
    }

    double loadedRate() {
        return loaded == 0 ? 0 : (double) loadedBreaches / loaded;
    }

    double quietRate() {
        return quiet == 0 ? 0 : (double) quietBreaches / quiet;
    }

    /**
     * One-sided Fisher exact test on the loaded/quiet × breach/no-breach table: the chance of at least this many
     * loaded breaches if breaches fell on loaded and quiet bursts alike (hypergeometric upper tail). 1 without data.
     */
    double fisherP() {
        int population = loaded + quiet;
        int breaches = loadedBreaches + quietBreaches;
        if (loaded == 0 || quiet == 0 || breaches == 0) {
            return 1;
        }
        return new HypergeometricDistribution(null, population, breaches, loaded)
                .upperCumulativeProbability(loadedBreaches);
    }

    /** Breaches of one metric and samples measuring it, among samples with utilisation in [low, high). */
    static int[] count(List<QualitySample> samples, Direction d, QualityMetric m, double low, double high,
                       AdviceSettings s) {
        int n = 0;
        int breaches = 0;
        for (QualitySample q : samples) {
            Double u = q.utilisationPct(d);
            if (u == null || !Double.isFinite(u) || u < low || u >= high || m.value(q, d) == null) {
                continue;
            }
            n++;
            breaches += Breaches.of(q, d, m, s) ? 1 : 0;
        }
        return new int[] {breaches, n};
    }
}
