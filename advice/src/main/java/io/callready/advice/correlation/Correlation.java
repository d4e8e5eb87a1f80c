package io.callready.advice.correlation;

import io.callready.advice.Direction;
import io.callready.advice.QualityMetric;

/**
 * Spearman rank correlation of one quality metric against the utilisation of one direction at one target.
 *
 * @param target      the rtp_burst target the samples came from
 * @param direction   whose utilisation (for {@code mos}: the worse direction's, reported under the direction analysed)
 * @param metric      the quality metric (wire names {@code loss_ratio}, {@code jitter_ms}, {@code late_discard_ratio},
 *                    {@code rtt_ms}, {@code mos})
 * @param n           paired samples
 * @param rho         Spearman's rho, null when undefined (fewer than 4 pairs, or a variable never varied)
 * @param ciLow       lower end of the confidence interval (Fisher z, Bonett–Wright standard error), null with rho
 * @param ciHigh      upper end, null with rho
 * @param effect      the metric's median at loaded minus at quiet utilisation (else more-loaded half minus
 *                    less-loaded half), in the metric's unit; null below 2 pairs
 * @param significant interval excludes 0 in the harmful direction AND the effect reaches the minimum effect size
 * @param note        why rho is undefined or why a significant-looking rho was not taken, else null
 */
public record Correlation(
        String target,
        Direction direction,
        QualityMetric metric,
        int n,
        Double rho,
        Double ciLow,
        Double ciHigh,
        Double effect,
        boolean significant,
        String note) {
}
