package io.callready.collector.ingest;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the one spelling of an instant agents write ({@code Instant.toString()}: {@code 2026-12-01T17:05:09.123Z},
 * 0 to 9 fraction digits) without a formatter; every other text is left to {@link Instant#parse}.
 */
final class UtcInstantText {
    private static final int[] NANOS_SCALE = {1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

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
