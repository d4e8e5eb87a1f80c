package io.callready.collector.qos;

import io.callready.collector.problem.FieldError;
import io.callready.collector.problem.ProblemException;
import io.callready.collector.result.ResultQueryParams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The window of a traffic query and the table that answers it: raw samples up to {@link #RAW_UP_TO}, 5-minute
 * rollups up to {@link #FIVE_MINUTES_UP_TO}, hourly beyond, at most {@link #MAX_RANGE}; so no answer holds more
 * than about 2 200 points per target and direction at the default 60 s sample interval.
 */
record TrafficQuery(Instant from, Instant to, Resolution resolution) {
    static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    static final Duration RAW_UP_TO = Duration.ofHours(6);
    static final Duration FIVE_MINUTES_UP_TO = Duration.ofDays(7);
    static final Duration MAX_RANGE = Duration.ofDays(92);

    enum Resolution {
        RAW("raw", null), FIVE_MINUTES("5m", "results_5m"), HOUR("1h", "results_1h");

        final String wireName;
        final String table;

        Resolution(String wireName, String table) {
            this.wireName = wireName;
            this.table = table;
        }
    }

    static TrafficQuery parse(String from, String to, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        Instant toTime = ResultQueryParams.instant("to", to, errors).orElse(now);
        Instant fromTime = ResultQueryParams.instant("from", from, errors).orElse(toTime.minus(DEFAULT_WINDOW));
        if (errors.isEmpty() && !fromTime.isBefore(toTime)) {
            errors.add(new FieldError("from", "must be before to (" + toTime + "), got " + fromTime));
        } else if (errors.isEmpty() && Duration.between(fromTime, toTime).compareTo(MAX_RANGE) > 0) {
            errors.add(new FieldError("from", "the window may span at most " + MAX_RANGE.toDays() + " days, got "
                    + Duration.between(fromTime, toTime).toDays() + " days"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.size() + " invalid query parameter(s)", errors);
        }
        Duration range = Duration.between(fromTime, toTime);
        Resolution resolution = range.compareTo(RAW_UP_TO) <= 0 ? Resolution.RAW
                : range.compareTo(FIVE_MINUTES_UP_TO) <= 0 ? Resolution.FIVE_MINUTES : Resolution.HOUR;
        return new TrafficQuery(fromTime, toTime, resolution);
    }
}
