package io.callready.advice.verdict;

import io.callready.advice.AdviceSettings;
import io.callready.advice.Breaches;
import io.callready.advice.Direction;
import io.callready.advice.QualityMetric;
import io.callready.advice.QualitySample;

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
            if (u == null) {
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

    /** Breaches of one metric and samples measuring it, among samples with utilisation in [low, high). */
    static int[] count(List<QualitySample> samples, Direction d, QualityMetric m, double low, double high,
                       AdviceSettings s) {
        int n = 0;
        int breaches = 0;
        for (QualitySample q : samples) {
            Double u = q.utilisationPct(d);
            if (u == null || u < low || u >= high || m.value(q, d) == null) {
                continue;
            }
            n++;
            breaches += Breaches.of(q, d, m, s) ? 1 : 0;
        }
        return new int[] {breaches, n};
    }
}
