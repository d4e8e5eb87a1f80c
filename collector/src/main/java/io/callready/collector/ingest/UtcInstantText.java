package io.callready.collector.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Reads the one spelling of an instant agents write ({@code Instant.toString()}: {@code 2026-12-01T17:05:09.123Z},
 * 0 to 9 fraction digits) without a formatter; every other text is left to {@link Instant#parse}. Writes an
 * instant to the microsecond for PostgreSQL, likewise without a formatter.
 */
final class UtcInstantText {
    private static final int[] NANOS_SCALE = {1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private static final long YEAR_0_DAY = LocalDate.of(0, 1, 1).toEpochDay();
    private static final long YEAR_9999_LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    private UtcInstantText() {
    }

    /** @return the instant, or null when the text is not in that spelling or not a valid time of it (leap second, 30 February) */
    static Instant parse(String t) {
        int n = t.length();
        if (n < 20 || n > 30 || n == 21 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':' || t.charAt(n - 1) != 'Z' || (n > 20 && t.charAt(19) != '.')) {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        int fraction = n > 20 ? digits(t, 20, n - 21) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || fraction < 0) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        int nanos = n > 20 ? fraction * NANOS_SCALE[n - 21] : 0;
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /**
     * @return {@code t} cut to microseconds as ISO-8601 in UTC with six fraction digits
     *         ({@code 2026-12-01T17:05:09.123000Z}), the same instant to {@code timestamptz} as
     *         {@code Instant.toString()} of it; years outside 0–9999 are spelled by {@code Instant.toString()}
     */
    static String micros(Instant t) {
        long seconds = t.getEpochSecond();
        long epochDay = Math.floorDiv(seconds, 86_400);
        if (epochDay < YEAR_0_DAY || epochDay > YEAR_9999_LAST_DAY) {
            return t.truncatedTo(ChronoUnit.MICROS).toString();
        }
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        char[] c = new char[27];
        put(c, 0, date.getYear(), 4);
        c[4] = '-';
        put(c, 5, date.getMonthValue(), 2);
        c[7] = '-';
        put(c, 8, date.getDayOfMonth(), 2);
        c[10] = 'T';
        put(c, 11, secondOfDay / 3_600, 2);
        c[13] = ':';
        put(c, 14, secondOfDay / 60 % 60, 2);
        c[16] = ':';
        put(c, 17, secondOfDay % 60, 2);
        c[19] = '.';
        put(c, 20, t.getNano() / 1_000, 6);
        c[26] = 'Z';
        return new String(c);
    }

    private static void put(char[] into, int from, int value, int count) {
        for (int i = from + count - 1; i >= from; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** @return the number the ASCII digits spell, or -1 when one is no digit */
    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
