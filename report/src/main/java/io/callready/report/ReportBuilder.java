package io.callready.report;

import io.callready.advice.AdviceSettings;
import io.callready.advice.Figures;
import io.callready.advice.QosAssessment;
import io.callready.advice.SiteFacts;
import io.callready.advice.Verdict;
import io.callready.advice.sizing.Sizer;
import io.callready.advice.sizing.Sizing;
import io.callready.report.firewall.ChangeRequests;
import io.callready.report.profile.ProviderProfile;
import io.callready.report.quality.QualityAnalysis;
import io.callready.report.quality.QualityRow;
import io.callready.report.quality.Rating;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns measurements into the report. The verdict: not ready when any finding fails or any metric's worse tail is
 * problematic; ready with warnings when something warns, was not checked, was not measured, is only acceptable, or
 * the busy-hour analysis finds congestion; ready otherwise.
 */
public final class ReportBuilder {
    /** Sized when the profile lists no codec. */
    static final String DEFAULT_CODEC = "pcmu";
    static final int PTIME_MS = 20;

    private ReportBuilder() {
    }

    public static ReadinessReport build(ReportInput in) {
        List<QualityRow> quality = QualityAnalysis.rows(in.samples(), in.thresholds());
        List<String> fails = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (RouterItem i : in.router()) {
            switch (i.state()) {
                case FAIL -> fails.add(i.area() + ": " + i.title() + " failed");
                case WARN -> warnings.add(i.area() + ": " + i.title() + " needs attention");
                case SKIPPED -> warnings.add(i.area() + ": " + i.title() + " was not checked");
                case PASS -> { }
            }
        }
        for (QualityRow r : quality) {
            switch (r.rating()) {
                case PROBLEMATIC -> fails.add(r.label() + " is problematic (" + tailName(r) + " " + r.worstTail() + ")");
                case ACCEPTABLE -> warnings.add(r.label() + " is only acceptable (" + tailName(r) + " " + r.worstTail() + ")");
                case NOT_MEASURED, GOOD -> { }
            }
        }
        if (quality.stream().allMatch(r -> r.rating() == Rating.NOT_MEASURED)) {
            warnings.add("network quality was not measured in this window");
        }
        QosAssessment a = in.assessment();
        if (a != null && a.verdict().isCongestion()) {
            warnings.add("the busy-hour analysis finds " + verdictText(a.verdict()));
        }
        Readiness readiness = !fails.isEmpty() ? Readiness.NOT_READY
                : !warnings.isEmpty() ? Readiness.READY_WITH_WARNINGS : Readiness.READY;
        List<String> reasons = new ArrayList<>(fails);
        reasons.addAll(warnings);
        ProviderProfile p = in.profile();
        return new ReadinessReport(in.site(), in.customer(), in.measuredWhere(), in.from(), in.to(), in.generatedAt(),
                readiness, reasons, quality, in.router(), bandwidth(p, in.declaredCalls()), qos(a),
                p == null ? null : ChangeRequests.from(p), in.thresholds().source());
    }

    static List<BandwidthRow> bandwidth(ProviderProfile p, Integer calls) {
        List<String> codecs = p == null || p.codecs().isEmpty() ? List.of(DEFAULT_CODEC) : p.codecs();
        List<BandwidthRow> rows = new ArrayList<>();
        for (String name : codecs) {
            String wire = "g711".equalsIgnoreCase(name) ? DEFAULT_CODEC : name.toLowerCase(Locale.ROOT);
            SiteFacts facts = new SiteFacts(ZoneOffset.UTC, null, null, null, wire, PTIME_MS, calls, 46, 34,
                    p == null ? null : p.name());
            Sizing s = Sizer.size(facts, AdviceSettings.defaults());
            Integer stated = p == null ? null : p.bandwidthKbpsPerCall().get(name);
            rows.add(new BandwidthRow(name, s.perCallKbps(), s.calls(), s.priorityKbps(), stated));
        }
        return rows;
    }

    static QosSection qos(QosAssessment a) {
        if (a == null) {
            return null;
        }
        List<String> advice = new ArrayList<>();
        Sizing s = a.sizing();
        if (s != null) {
            if (s.priorityKbps() != null) {
                advice.add("Priority (EF) class " + Figures.number(s.priorityKbps()) + " kbit/s for " + s.calls()
                        + " calls of " + s.codec() + ", signalling class " + Figures.number(s.signallingKbps()) + " kbit/s");
            }
            if (s.shaperUpKbps() != null) {
                advice.add("Upstream shaper " + Figures.number(s.shaperUpKbps()) + " kbit/s"
                        + (s.shaperDownKbps() == null ? "" : ", downstream " + Figures.number(s.shaperDownKbps()) + " kbit/s"));
            }
            advice.addAll(s.notes());
        }
        if (a.samplesNeeded() != null) {
            advice.add("Needs " + a.samplesNeeded().samples() + " more samples (" + a.samplesNeeded().loadedSamples()
                    + " under load) for a verdict");
        }
        advice.addAll(a.notes());
        return new QosSection(verdictText(a.verdict()), a.confidence().wireName(), a.evidence(), advice);
    }

    static String verdictText(Verdict v) {
        return v.wireName().replace('_', ' ');
    }

    private static String tailName(QualityRow r) {
        return r.metric().higherIsBetter() ? "5th percentile" : "95th percentile";
    }
}
