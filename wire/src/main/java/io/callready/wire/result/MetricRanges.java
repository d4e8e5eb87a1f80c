package io.callready.wire.result;

/**
 * The range a metric may take, told by its name: units are part of every metric name ({@link MetricNames}), so
 * {@code *_ratio} is a fraction, {@code *_ms} a duration, {@code mos*} a G.107 MOS. Every range is bounded, so no
 * stored value can overflow a sum or average over many results.
 */
final class MetricRanges {
    static final int MAX_KEY_LENGTH = 64;
    static final String KEY_RULE = "must match [a-z][a-z0-9_]{0,63}";

    /**
     * 1 h. The slowest thing a probe times is a SIP transaction or a DNS lookup, bounded by timeouts of seconds; a
     * delay of an hour is no network path but a broken clock. Far below any overflow, even summed over years.
     */
    static final double MAX_MS = 3_600_000;
    /** Packets of a 2-minute burst at 10 ms are 12 000; a billion leaves room for any count without losing integer precision in sums. */
    static final double MAX_COUNT = 1e9;
    /** Sizes are MTUs and UDP datagrams (at most 65 535); 1 GB leaves room for any future size metric. */
    static final double MAX_BYTES = 1e9;
    /** BurstR = 1 / (p + q) with p, q ≤ 1, so at least 0.5 (alternating loss); at most about the packets of a burst. */
    static final double MIN_BURST_R = 0.5;
    static final double MAX_BURST_R = 1e6;
    /** A certificate valid for or expired since a century is no real certificate. */
    static final double MAX_TLS_DAYS = 36_500;
    /** 1 Tbit/s: faster than any access line or router port a site has. */
    static final double MAX_BPS = 1e12;
    /** Utilisation may exceed 100 % (a line faster than contracted, a port speed that under-reports); tenfold is a wrong rate. */
    static final double MAX_PCT = 1000;
    /** Metrics this version does not know: any finite value, but never one whose sum could overflow. */
    static final double MAX_UNKNOWN = 1e12;

    private record Range(String what, double min, double max, boolean integral) {
    }

    private static final Range RATIO = new Range("a ratio", 0, 1, false);
    private static final Range MOS = new Range("a MOS (G.107 Annex B)", 1, 4.5, false);
    private static final Range R_FACTOR = new Range("a G.107 R factor", 0, 100, false);
    private static final Range MS = new Range("a duration in milliseconds", 0, MAX_MS, false);
    private static final Range COUNT = new Range("a count", 0, MAX_COUNT, true);
    private static final Range BYTES = new Range("a size in bytes", 0, MAX_BYTES, false);
    private static final Range BURST_R = new Range("a G.107 BurstR", MIN_BURST_R, MAX_BURST_R, false);
    private static final Range TLS_DAYS = new Range("whole days to certificate expiry (negative when expired)", -MAX_TLS_DAYS, MAX_TLS_DAYS, true);
    private static final Range SIP_STATUS = new Range("a SIP status code", 100, 699, true);
    private static final Range BPS = new Range("a rate in bits per second", 0, MAX_BPS, false);
    private static final Range PCT = new Range("a percentage", 0, MAX_PCT, false);
    private static final Range DSCP = new Range("a DSCP value", 0, 63, true);
    private static final Range PORT = new Range("a UDP or TCP port", 0, 65535, true);
    private static final Range UNKNOWN = new Range("a metric", -MAX_UNKNOWN, MAX_UNKNOWN, false);

    private MetricRanges() {
    }

    /** {@link #KEY_RULE}, checked char by char: the collector runs it for every key of every result it ingests. */
    static boolean validKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH || !lowerLetter(key.charAt(0))) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!lowerLetter(c) && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean lowerLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    /** @return what is wrong with the value, or null when it is plausible for this metric */
    static String check(String key, Double value) {
        if (value == null) {
            return "must be a number, not null";
        }
        if (!Double.isFinite(value)) {
            return "must be a finite number";
        }
        Range range = rangeOf(key);
        if (value < range.min || value > range.max) {
            return "is " + range.what + " and must be between " + format(range.min) + " and " + format(range.max)
                    + ", got " + value;
        }
        if (range.integral && value != Math.rint(value)) {
            return "is " + range.what + " and must be a whole number, got " + value;
        }
        return null;
    }

    private static Range rangeOf(String key) {
        if (key.equals(MetricNames.MOS) || key.equals(MetricNames.MOS_UP) || key.equals(MetricNames.MOS_DOWN)
                || key.startsWith("mos_if_")) {
            return MOS;
        }
        if (key.equals(MetricNames.R_FACTOR)) {
            return R_FACTOR;
        }
        if (key.equals(MetricNames.SIP_STATUS_CODE)) {
            return SIP_STATUS;
        }
        if (key.equals(MetricNames.TLS_DAYS_TO_EXPIRY)) {
            return TLS_DAYS;
        }
        if (key.startsWith("burst_r_")) {
            return BURST_R;
        }
        if (key.endsWith("_ratio")) {
            return RATIO;
        }
        if (key.endsWith("_ms")) {
            return MS;
        }
        if (key.endsWith("_count")) {
            return COUNT;
        }
        if (key.endsWith("_bytes")) {
            return BYTES;
        }
        if (key.endsWith("_bps")) {
            return BPS;
        }
        if (key.endsWith("_pct")) {
            return PCT;
        }
        if (key.endsWith("_dscp")) {
            return DSCP;
        }
        if (key.endsWith("_port")) {
            return PORT;
        }
        return UNKNOWN;
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound) : Double.toString(bound);
    }
}
