package io.callready.advice.busyhour;

import io.callready.advice.Direction;

import java.time.LocalTime;

/**
 * The time-consistent busy hour of one direction and day type: the clock window (site's local time) with the
 * highest mean traffic over the days analysed.
 *
 * @param start              window start, local clock
 * @param end                window end, local clock ({@code 00:00} when the window ends at midnight)
 * @param meanBps            mean traffic of the samples in the window
 * @param meanUtilisationPct mean utilisation of those samples, null when no sample carried one
 * @param daysCovered        distinct local dates with samples in the window
 * @param samples            samples in the window
 */
public record BusyHour(
        Direction direction,
        DayType dayType,
        LocalTime start,
        LocalTime end,
        double meanBps,
        Double meanUtilisationPct,
        int daysCovered,
        int samples) {

    /** "10:00–11:00 on weekdays". */
    public String describe() {
        return start + "–" + end + " on " + dayType.plural();
    }
}
