package io.callready.collector.result;

import io.callready.collector.problem.FieldError;
import io.callready.collector.problem.ProblemException;
import io.callready.wire.result.ProbeKind;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The query string of the results endpoint, parsed and checked; every bad parameter is reported at once. */
public record ResultQueryParams(Instant from, Instant to, Optional<ProbeKind> kind, int limit) {
    static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;
    /** Times a query may name: wider than any stored result, narrow enough that no time arithmetic overflows. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    static ResultQueryParams parse(String from, String to, String kind, String limit, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        Instant toTime = instant("to", to, errors).orElse(now);
        Instant fromTime = instant("from", from, errors).orElse(toTime.minus(DEFAULT_WINDOW));
        Optional<ProbeKind> probeKind = kind(kind, errors);
        int max = limit(limit, errors);
        if (errors.isEmpty() && !fromTime.isBefore(toTime)) {
            errors.add(new FieldError("from", "must be before to (" + toTime + "), got " + fromTime));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.size() + " invalid query parameter(s)", errors);
        }
        return new ResultQueryParams(fromTime, toTime, probeKind, max);
    }

    /** An ISO-8601 instant within {@link #EARLIEST}..{@link #LATEST}; a bad one is added to {@code errors}. */
    public static Optional<Instant> instant(String name, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Instant t;
        try {
            t = Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, got '" + FieldError.clip(text) + "'"));
            return Optional.empty();
        }
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            errors.add(new FieldError(name, "must lie between " + EARLIEST + " and " + LATEST + ", got '" + FieldError.clip(text) + "'"));
            return Optional.empty();
        }
        return Optional.of(t);
    }

    private static Optional<ProbeKind> kind(String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Optional<ProbeKind> found = Arrays.stream(ProbeKind.values()).filter(k -> k.wireName().equals(text.strip())).findFirst();
        if (found.isEmpty()) {
            errors.add(new FieldError("kind", "unknown probe kind '" + FieldError.clip(text) + "', expected one of "
                    + Arrays.stream(ProbeKind.values()).map(ProbeKind::wireName).toList()));
        }
        return found;
    }

    private static int limit(String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", got '" + FieldError.clip(text) + "'"));
        return DEFAULT_LIMIT;
    }
}
