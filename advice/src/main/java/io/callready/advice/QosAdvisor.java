package io.callready.advice;

import io.callready.advice.busyhour.BusyHour;
import io.callready.advice.busyhour.BusyHourFinder;
import io.callready.advice.correlation.Correlation;
import io.callready.advice.correlation.CorrelationAnalysis;
import io.callready.advice.correlation.Knee;
import io.callready.advice.correlation.KneeFinder;
import io.callready.advice.sizing.Sizer;
import io.callready.advice.sizing.Sizing;
import io.callready.advice.verdict.Decision;
import io.callready.advice.verdict.VerdictRules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Entry point of the analysis: one site's series and facts in, one assessment out. Pure; never throws for any data. */
public final class QosAdvisor {
    private QosAdvisor() {
    }

    /**
     * Assesses the samples of {@code [now − settings.days(), now]}: busy hours from the traffic series; correlations,
     * knees and the verdict from the bursts that carried WAN utilisation; sizing from the facts.
     *
     * @param series   null counts as no data
     * @param settings null means {@link AdviceSettings#defaults()}
     */
    public static QosAssessment assess(SiteSeries series, SiteFacts facts, AdviceSettings settings, Instant now) {
        AdviceSettings s = settings == null ? AdviceSettings.defaults() : settings;
        SiteSeries data = series == null ? new SiteSeries(List.of(), List.of()) : series;
        Instant from = now.minus(Duration.ofDays(s.days()));
        List<QualitySample> analysed = new ArrayList<>();
        int withoutUtilisation = 0;
        for (QualitySample q : data.quality()) {
            if (q.at().isBefore(from) || q.at().isAfter(now)) {
                continue;
            }
            if (q.upUtilisationPct() == null && q.downUtilisationPct() == null) {
                withoutUtilisation++;
            } else {
                analysed.add(q);
            }
        }
        List<BusyHour> busyHours = BusyHourFinder.find(data.traffic(), facts.zone(), s, now);
        List<Correlation> correlations = CorrelationAnalysis.analyse(analysed, s);
        Map<Direction, Knee> knees = new EnumMap<>(Direction.class);
        for (Direction d : Direction.values()) {
            KneeFinder.find(analysed, d, s).ifPresent(k -> knees.put(d, k));
        }
        String lineRateSource = lineRateSource(data, analysed, facts);
        Decision decision = VerdictRules.decide(analysed, withoutUtilisation, s, correlations, knees, busyHours,
                lineRateSource);
        Sizing sizing = Sizer.size(facts, s);
        int loaded = (int) analysed.stream().filter(q -> loaded(q, s)).count();
        return new QosAssessment(decision.verdict(), decision.confidence(), decision.evidence(), decision.notes(),
                busyHours, correlations, List.copyOf(knees.values()), sizing, decision.samplesNeeded(),
                analysed.size(), loaded, lineRateSource, from, now);
    }

    private static boolean loaded(QualitySample q, AdviceSettings s) {
        Double w = q.worseUtilisationPct();
        return w != null && w >= s.loadedUtilisationPct();
    }

    /** What the utilisation figures were measured against: the samples' labels first, then the site's facts. */
    private static String lineRateSource(SiteSeries data, List<QualitySample> analysed, SiteFacts facts) {
        List<String> labels = Stream.concat(analysed.stream().map(QualitySample::lineRateSource),
                data.traffic().stream().map(TrafficSample::lineRateSource)).toList();
        if (labels.contains("port")) {
            return "port";
        }
        if (labels.contains("contracted") || facts.lineUpBps() != null || facts.lineDownBps() != null) {
            return "contracted";
        }
        return facts.portSpeedBps() != null ? "port" : "unknown";
    }
}
