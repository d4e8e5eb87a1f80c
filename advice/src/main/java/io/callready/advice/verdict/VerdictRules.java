package io.callready.advice.verdict;

import io.callready.advice.AdviceSettings;
import io.callready.advice.Confidence;
import io.callready.advice.Direction;
import io.callready.advice.Figures;
import io.callready.advice.QualityMetric;
import io.callready.advice.QualitySample;
import io.callready.advice.SamplesNeeded;
import io.callready.advice.Verdict;
import io.callready.advice.busyhour.BusyHour;
import io.callready.advice.busyhour.DayType;
import io.callready.advice.correlation.Correlation;
import io.callready.advice.correlation.CorrelationAnalysis;
import io.callready.advice.correlation.Knee;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The verdict table, in order:
 * <ol>
 * <li>fewer than {@code minSamples} bursts with utilisation → {@code insufficient_data};</li>
 * <li>a direction with ≥ {@code minLoadedSamples} loaded bursts, loaded breach rate ≥ {@code congestedBreachRate},
 * ≥ {@code minBreachRateLift} above the quiet rate, the loaded and quiet breach counts different by a one-sided Fisher
 * exact test at {@code 1 − confidenceLevel}, and either a knee or a significant correlation (interval and minimum
 * effect) of loss, jitter, late discards or round trip with that direction's utilisation → congestion in that
 * direction (the larger lift wins). Fisher, because Spearman over all bursts is weak when the harm sits in a small
 * loaded tail;</li>
 * <li>breaches at quiet load at ≥ {@code notTrafficBreachRate} (at least {@code kneeMinBandSamples} of them) →
 * {@code not_traffic_related};</li>
 * <li>enough loaded bursts, but frequent breaches without the lift or correlation → {@code insufficient_data}
 * (inconclusive: more loaded bursts needed);</li>
 * <li>enough loaded bursts, loaded breach rate below {@code congestedBreachRate} → {@code qos_effective};</li>
 * <li>otherwise the load never reached the loaded utilisation → {@code insufficient_data}.</li>
 * </ol>
 * Confidence starts high and drops a step for utilisation against the port speed, for fewer than twice the minimum
 * samples, and (load verdicts) for fewer than twice the minimum loaded samples.
 */
public final class VerdictRules {
    private VerdictRules() {
    }

    public static Decision decide(List<QualitySample> analysed, int withoutUtilisation, AdviceSettings s,
                                  List<Correlation> correlations, Map<Direction, Knee> knees,
                                  List<BusyHour> busyHours, String lineRateSource) {
        List<String> evidence = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int n = analysed.size();
        LoadStats up = LoadStats.of(analysed, Direction.UP, s);
        LoadStats down = LoadStats.of(analysed, Direction.DOWN, s);
        int maxLoaded = Math.max(up.loaded(), down.loaded());
        if (withoutUtilisation > 0) {
            notes.add(withoutUtilisation + " bursts carried no WAN utilisation (no wan_traffic probe in the plan, or the"
                    + " counter read failed) and were left out");
        }
        if (n < s.minSamples()) {
            evidence.add(n + " bursts with WAN utilisation in the last " + s.days() + " days; a verdict needs "
                    + s.minSamples() + " (" + (s.minSamples() - n) + " more)");
            evidence.add(maxLoaded + " of them at or above " + Figures.pct(s.loadedUtilisationPct())
                    + " utilisation; a load verdict needs " + s.minLoadedSamples());
            return new Decision(Verdict.INSUFFICIENT_DATA, Confidence.LOW, evidence, notes,
                    new SamplesNeeded(s.minSamples() - n, Math.max(0, s.minLoadedSamples() - maxLoaded)));
        }
        Confidence confidence = Confidence.HIGH;
        if (!"contracted".equals(lineRateSource)) {
            confidence = confidence.lower();
            notes.add("utilisation is against the " + ("port".equals(lineRateSource) ? "port speed" : "unknown rate")
                    + ", not a contracted line rate: confidence lowered; set the ISP's rates in the plan");
        }
        if (n < 2 * s.minSamples()) {
            confidence = confidence.lower();
            notes.add(n + " bursts analysed, under twice the minimum " + s.minSamples() + ": confidence lowered");
        }

        Optional<LoadStats> congested = List.of(up, down).stream()
                .filter(st -> st.loaded() >= s.minLoadedSamples()
                        && st.loadedRate() >= s.congestedBreachRate()
                        && st.loadedRate() - st.quietRate() >= s.minBreachRateLift()
                        && st.fisherP() < 1 - s.confidenceLevel()
                        && (knees.containsKey(st.direction())
                            || significant(correlations, st.direction()).findAny().isPresent()))
                .max(Comparator.comparingDouble(st -> st.loadedRate() - st.quietRate()));
        if (congested.isPresent()) {
            LoadStats st = congested.get();
            Direction d = st.direction();
            Knee knee = knees.get(d);
            double threshold = knee != null ? knee.utilisationPct() : s.loadedUtilisationPct();
            QualityMetric m = dominant(analysed, d, threshold, Double.MAX_VALUE, s);
            int[] above = LoadStats.count(analysed, d, m, threshold, Double.MAX_VALUE, s);
            int[] quiet = LoadStats.count(analysed, d, m, Double.NEGATIVE_INFINITY, s.quietUtilisationPct(), s);
            evidence.add(m.breachText(s) + " in " + above[0] + " of " + above[1] + " bursts above "
                    + Figures.pct(threshold) + " " + d.adjective() + " utilisation" + busyText(busyHours, d)
                    + "; " + quiet[0] + " of " + quiet[1] + " below " + Figures.pct(s.quietUtilisationPct()));
            evidence.add(st.loadedBreaches() + " of " + st.loaded() + " loaded bursts (≥ "
                    + Figures.pct(s.loadedUtilisationPct()) + ") breached against " + st.quietBreaches() + " of "
                    + st.quiet() + " quiet ones: one-sided Fisher exact p = " + Figures.probability(st.fisherP()));
            if (knee != null) {
                evidence.add("knee at " + Figures.pct(knee.utilisationPct()) + " " + d.adjective() + " utilisation ("
                        + knee.method() + ")");
            }
            significant(correlations, d).limit(3).forEach(c -> evidence.add(CorrelationAnalysis.describe(c, s)));
            busyHourSentences(busyHours, d, evidence);
            if (st.quietBreaches() >= s.kneeMinBandSamples() && st.quietRate() >= s.notTrafficBreachRate()) {
                notes.add(st.quietBreaches() + " of " + st.quiet() + " quiet bursts breached too: besides load, look at"
                        + " Wi-Fi, the ISP or the voice provider");
            }
            return new Decision(Verdict.forCongestion(d), lowerForLoad(confidence, st.loaded(), s, notes), evidence,
                    notes, null);
        }

        Optional<LoadStats> dipsAtQuiet = List.of(up, down).stream()
                .filter(st -> st.quiet() > 0 && st.quietBreaches() >= s.kneeMinBandSamples()
                        && st.quietRate() >= s.notTrafficBreachRate())
                .max(Comparator.comparingDouble(LoadStats::quietRate));
        if (dipsAtQuiet.isPresent()) {
            LoadStats st = dipsAtQuiet.get();
            Direction d = st.direction();
            QualityMetric m = dominant(analysed, d, Double.NEGATIVE_INFINITY, s.quietUtilisationPct(), s);
            int[] quiet = LoadStats.count(analysed, d, m, Double.NEGATIVE_INFINITY, s.quietUtilisationPct(), s);
            evidence.add(m.breachText(s) + " in " + quiet[0] + " of " + quiet[1] + " bursts below "
                    + Figures.pct(s.quietUtilisationPct()) + " " + d.adjective() + " utilisation; " + st.loadedBreaches()
                    + " of " + st.loaded() + " bursts at or above " + Figures.pct(s.loadedUtilisationPct())
                    + " breached: the dips do not follow load; look at Wi-Fi, the ISP or the voice provider");
            dismissed(correlations, s, evidence);
            return new Decision(Verdict.NOT_TRAFFIC_RELATED, confidence, evidence, notes, null);
        }

        Optional<LoadStats> inconclusive = List.of(up, down).stream()
                .filter(st -> st.loaded() >= s.minLoadedSamples() && st.loadedRate() >= s.congestedBreachRate())
                .findFirst();
        if (inconclusive.isPresent()) {
            LoadStats st = inconclusive.get();
            evidence.add(st.loadedBreaches() + " of " + st.loaded() + " bursts at or above "
                    + Figures.pct(s.loadedUtilisationPct()) + " " + st.direction().adjective()
                    + " utilisation breached, " + st.quietBreaches() + " of " + st.quiet() + " below "
                    + Figures.pct(s.quietUtilisationPct()) + ", but without a "
                    + Math.round(s.minBreachRateLift() * 100) + "-point lift over the quiet rate, a significant"
                    + " difference or a knee: inconclusive");
            return new Decision(Verdict.INSUFFICIENT_DATA, Confidence.LOW, evidence, notes,
                    new SamplesNeeded(0, s.minLoadedSamples()));
        }

        Optional<LoadStats> heldAtLoad = List.of(up, down).stream()
                .filter(st -> st.loaded() >= s.minLoadedSamples())
                .max(Comparator.comparingInt(LoadStats::loaded));
        if (heldAtLoad.isPresent()) {
            LoadStats st = heldAtLoad.get();
            Direction d = st.direction();
            evidence.add(st.loadedBreaches() + " of " + st.loaded() + " bursts at or above "
                    + Figures.pct(s.loadedUtilisationPct()) + " " + d.adjective() + " utilisation"
                    + busyText(busyHours, d).transform(b -> b.isEmpty() ? b : b + ",")
                    + " breached a threshold (" + thresholds(s) + "); "
                    + st.quietBreaches() + " of " + st.quiet() + " below " + Figures.pct(s.quietUtilisationPct())
                    + ": voice holds at load");
            significant(correlations, d).limit(3).forEach(c -> evidence.add(CorrelationAnalysis.describe(c, s)
                    + " — it rises with load but stays within the thresholds"));
            dismissed(correlations, s, evidence);
            busyHourSentences(busyHours, d, evidence);
            return new Decision(Verdict.QOS_EFFECTIVE, lowerForLoad(confidence, st.loaded(), s, notes), evidence,
                    notes, null);
        }

        evidence.add(n + " bursts, " + maxLoaded + " of them at or above " + Figures.pct(s.loadedUtilisationPct())
                + " utilisation: the load never reached the line rate often enough to judge QoS; a load verdict needs "
                + s.minLoadedSamples() + " (" + (s.minLoadedSamples() - maxLoaded) + " more)");
        return new Decision(Verdict.INSUFFICIENT_DATA, Confidence.LOW, evidence, notes,
                new SamplesNeeded(0, s.minLoadedSamples() - maxLoaded));
    }

    private static Stream<Correlation> significant(List<Correlation> correlations, Direction d) {
        return correlations.stream()
                .filter(c -> c.significant() && c.direction() == d && c.metric() != QualityMetric.MOS)
                .sorted(Comparator.comparingDouble((Correlation c) -> -Math.abs(c.rho())));
    }

    /** Sentences for correlations that look harmful but were not taken, so a reader sees why. */
    private static void dismissed(List<Correlation> correlations, AdviceSettings s, List<String> evidence) {
        correlations.stream().filter(c -> !c.significant() && c.rho() != null && c.note() != null).limit(3)
                .forEach(c -> evidence.add(CorrelationAnalysis.describe(c, s) + " — " + c.note()));
    }

    /** The metric with most breaches in the utilisation range (ties: the first in {@link QualityMetric} order). */
    private static QualityMetric dominant(List<QualitySample> samples, Direction d, double low, double high,
                                          AdviceSettings s) {
        QualityMetric best = QualityMetric.LOSS;
        int most = -1;
        for (QualityMetric m : QualityMetric.values()) {
            int breaches = LoadStats.count(samples, d, m, low, high, s)[0];
            if (breaches > most) {
                most = breaches;
                best = m;
            }
        }
        return best;
    }

    private static Confidence lowerForLoad(Confidence c, int loaded, AdviceSettings s, List<String> notes) {
        if (loaded < 2 * s.minLoadedSamples()) {
            notes.add(loaded + " loaded bursts, under twice the minimum " + s.minLoadedSamples() + ": confidence lowered");
            return c.lower();
        }
        return c;
    }

    private static String thresholds(AdviceSettings s) {
        List<String> parts = new ArrayList<>();
        for (QualityMetric m : QualityMetric.values()) {
            parts.add(m.breachText(s));
        }
        return String.join(", ", parts);
    }

    /** ", 10:00–11:00 on weekdays" for the direction's weekday busy hour (else weekend), or "". */
    private static String busyText(List<BusyHour> busyHours, Direction d) {
        return busiest(busyHours, d).map(b -> ", " + b.describe()).orElse("");
    }

    private static Optional<BusyHour> busiest(List<BusyHour> busyHours, Direction d) {
        return busyHours.stream().filter(b -> b.direction() == d)
                .min(Comparator.comparing((BusyHour b) -> b.dayType() == DayType.WEEKDAY ? 0 : 1));
    }

    private static void busyHourSentences(List<BusyHour> busyHours, Direction d, List<String> evidence) {
        busyHours.stream().filter(b -> b.direction() == d).forEach(b -> evidence.add(d.adjective()
                + " busy hour " + b.describe() + ": mean " + Figures.bps(b.meanBps())
                + (b.meanUtilisationPct() == null ? "" : " (" + Figures.pct(b.meanUtilisationPct()) + " utilisation)")
                + " over " + b.daysCovered() + (b.daysCovered() == 1 ? " day" : " days")));
    }
}
