package io.callready.collector.ingest;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a metric or label may look like. Units are part of metric names, so the name says which range is
 * plausible: {@code *_ratio} is a fraction, {@code *_ms} a duration, {@code mos*} a G.107 MOS.
 */
final class MetricRules {
    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    static final String KEY_RULE = "must match [a-z][a-z0-9_]{0,63}";
    static final int MAX_LABEL_VALUE_LENGTH = 255;
    private static final Set<String> MOS_KEYS = Set.of("mos", "mos_up", "mos_down");
    private static final double MOS_MIN = 1.0;
    private static final double MOS_MAX = 4.5;

    private MetricRules() {
    }

    static boolean validKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /** @return why the value is impossible for this metric, or empty when it is plausible */
    static Optional<String> checkValue(String key, double value) {
        if (!Double.isFinite(value)) {
            return Optional.of("must be a finite number");
        }
        if (key.endsWith("_ratio") && (value < 0 || value > 1)) {
            return Optional.of("is a ratio and must be between 0 and 1, got " + value);
        }
        if (MOS_KEYS.contains(key) && (value < MOS_MIN || value > MOS_MAX)) {
            return Optional.of("is a MOS and must be between " + MOS_MIN + " and " + MOS_MAX + ", got " + value);
        }
        if (key.endsWith("_ms") && value < 0) {
            return Optional.of("is a duration and must not be negative, got " + value);
        }
        if (key.endsWith("_count") && value < 0) {
            return Optional.of("is a count and must not be negative, got " + value);
        }
        return Optional.empty();
    }
}
