package io.callready.advice.correlation;

import io.callready.advice.Direction;

/**
 * The utilisation above which breaches become frequent, found by breach rate per utilisation band against the
 * quiet baseline (see {@link KneeFinder}).
 *
 * @param utilisationPct lowest utilisation of a sample in the first band where breaches become frequent
 * @param bandLowPct     lower edge of that band
 * @param breachesAbove  breaching samples at or above the knee
 * @param samplesAbove   samples at or above the knee
 * @param breachesBelow  breaching samples below the quiet utilisation
 * @param samplesBelow   samples below the quiet utilisation
 * @param method         how it was found, in words
 */
public record Knee(
        Direction direction,
        double utilisationPct,
        double bandLowPct,
        int breachesAbove,
        int samplesAbove,
        int breachesBelow,
        int samplesBelow,
        String method) {
}
