package io.callready.advice;

import io.callready.advice.busyhour.BusyHour;
import io.callready.advice.correlation.Correlation;
import io.callready.advice.correlation.Knee;
import io.callready.advice.sizing.Sizing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link QosAdvisor#assess} concludes for one site. Every figure in {@code evidence} comes from the site's
 * samples between {@code from} and {@code to}. Plain records: serialises with Jackson as is.
 *
 * @param verdict        the verdict
 * @param confidence     how far to trust it; {@code notes} say why it is lowered
 * @param evidence       sentences with the site's own figures
 * @param notes          qualifications (utilisation against port speed, small sample, ...)
 * @param busyHours      per direction and day type
 * @param correlations   per target, direction and metric
 * @param knees          per direction, where breaches become frequent
 * @param sizing         priority class and shaper rates
 * @param samplesNeeded  non-null only with {@link Verdict#INSUFFICIENT_DATA}
 * @param samples        quality samples analysed
 * @param loadedSamples  of those, at or above the loaded utilisation in either direction
 * @param lineRateSource {@code contracted}, {@code port} or {@code unknown}: what utilisation was measured against
 * @param from           start of the analysed period
 * @param to             end of the analysed period ("now")
 */
public record QosAssessment(
        Verdict verdict,
        Confidence confidence,
        List<String> evidence,
        List<String> notes,
        List<BusyHour> busyHours,
        List<Correlation> correlations,
        List<Knee> knees,
        Sizing sizing,
        SamplesNeeded samplesNeeded,
        int samples,
        int loadedSamples,
        String lineRateSource,
        Instant from,
        Instant to) {

    public QosAssessment {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        notes = notes == null ? List.of() : List.copyOf(notes);
        busyHours = busyHours == null ? List.of() : List.copyOf(busyHours);
        correlations = correlations == null ? List.of() : List.copyOf(correlations);
        knees = knees == null ? List.of() : List.copyOf(knees);
    }

    /** The knee of a direction, when one was found. */
    public Optional<Knee> knee(Direction direction) {
        return knees.stream().filter(k -> k.direction() == direction).findFirst();
    }
}
