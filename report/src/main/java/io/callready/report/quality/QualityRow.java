package io.callready.report.quality;

import java.util.Locale;

/**
 * One metric in one direction over the window. The rating is the band of the worse tail (95th percentile, for MOS
 * the 5th): a link that is good on average but bad one burst in ten is not good for calls.
 *
 * @param metric         what is measured
 * @param direction      "upstream", "downstream" or "both" (round trip)
 * @param samples        bursts with a value
 * @param median         formatted, "–" when no samples
 * @param worstTail      95th percentile (MOS: 5th), formatted
 * @param goodPct        share of bursts in the good band, 0..100
 * @param acceptablePct  share in the acceptable band
 * @param problematicPct share in the problematic band
 * @param rating         band of the worse tail
 * @param limits         the good / acceptable limits it was judged by
 */
public record QualityRow(
        ReportMetric metric,
        String direction,
        int samples,
        String median,
        String worstTail,
        double goodPct,
        double acceptablePct,
        double problematicPct,
        Rating rating,
        QualityThresholds.Limits limits) {

    public String label() {
        return metric.label() + (metric.perDirection() ? " " + direction : "");
    }

    public String goodShare() {
        return share(goodPct);
    }

    public String acceptableShare() {
        return share(acceptablePct);
    }

    public String problematicShare() {
        return share(problematicPct);
    }

    private static String share(double pct) {
        return String.format(Locale.ROOT, "%.0f %%", pct);
    }

    public String thresholds() {
        return metric.thresholdText(limits);
    }
}
