package io.callready.wire.result;

import io.callready.wire.plan.DurationText;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Label values that have a meaning are parsed, so a job that reads them back (the offline check counts in
 * {@code interval}) never meets one it cannot use.
 */
final class LabelRules {
    static final int MAX_VALUE_LENGTH = 255;
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_INTERVAL = Duration.ofDays(1);
    static final int MIN_PTIME_MS = 10;
    static final int MAX_PTIME_MS = 120;
    static final int MAX_DSCP = 63;
    private static final Pattern SMALL_WHOLE_NUMBER = Pattern.compile("\\d{1,9}");

    private LabelRules() {
    }

    /** @return what is wrong with the value, or null when it is acceptable */
    static String check(String key, String value) {
        if (value == null) {
            return "must be a string, not null";
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            return "must be at most " + MAX_VALUE_LENGTH + " characters, got " + value.length();
        }
        String bad = WireText.forbiddenCharacter(value, "");
        if (bad != null) {
            return bad;
        }
        return switch (key) {
            case MetricNames.LABEL_INTERVAL -> interval(value);
            case MetricNames.LABEL_PTIME_MS -> wholeNumber(value, MIN_PTIME_MS, MAX_PTIME_MS, "packet time in milliseconds");
            case MetricNames.LABEL_DSCP, MetricNames.LABEL_DSCP_SEEN_UP, MetricNames.LABEL_DSCP_SEEN_DOWN ->
                    wholeNumber(value, 0, MAX_DSCP, "DSCP");
            case MetricNames.LABEL_MOS_PROVISIONAL -> value.equals("true") || value.equals("false")
                    ? null : "must be true or false, got '" + WireText.clip(value) + "'";
            case MetricNames.LABEL_SOURCE -> oneOf(value, "snmp", "local");
            case MetricNames.LABEL_LINE_RATE_SOURCE, MetricNames.LABEL_WAN_LINE_RATE_SOURCE -> oneOf(value, "contracted", "port");
            case MetricNames.LABEL_COUNTER_BITS -> oneOf(value, "64", "32");
            default -> null;
        };
    }

    private static String oneOf(String value, String a, String b) {
        return value.equals(a) || value.equals(b) ? null : "must be " + a + " or " + b + ", got '" + WireText.clip(value) + "'";
    }

    private static String interval(String value) {
        String allowed = "must be a plan interval between 1s and 24h written with its unit (30s, 5m, 1h)";
        Duration interval;
        try {
            interval = DurationText.parse(value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return allowed + ", got '" + WireText.clip(value) + "'";
        }
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            return allowed + ", got '" + WireText.clip(value) + "'";
        }
        return null;
    }

    private static String wholeNumber(String value, int min, int max, String what) {
        String allowed = "is a " + what + " and must be a whole number from " + min + " to " + max;
        if (!SMALL_WHOLE_NUMBER.matcher(value).matches()) {
            return allowed + ", got '" + WireText.clip(value) + "'";
        }
        int n = Integer.parseInt(value);
        return n < min || n > max ? allowed + ", got " + n : null;
    }
}
