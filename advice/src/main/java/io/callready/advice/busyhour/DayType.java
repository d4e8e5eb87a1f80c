package io.callready.advice.busyhour;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Locale;

/** Weekdays and weekends have different busy hours, so they are analysed apart. */
public enum DayType {
    WEEKDAY, WEEKEND;

    public static DayType of(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY ? WEEKEND : WEEKDAY;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "weekdays" / "weekends", for sentences. */
    public String plural() {
        return this == WEEKDAY ? "weekdays" : "weekends";
    }
}
