package io.callready.collector.alert;

import io.callready.wire.result.MetricNames;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The metrics alerts watch, each read from a result's metrics map. Jitter and loss take the worse direction; MOS
 * takes the overall value, else the worse direction; the path checks (DSCP classes changed, RTP ports blocked, UDP
 * binding lifetime) take their probe's own figure.
 */
public enum AlertMetric {
    JITTER_MS("jitter_ms", true, 20, 30, 0, 60_000),
    LOSS_RATIO("loss_ratio", true, 0.005, 0.01, 0, 1),
    /** Warning above 150 ms (past "acceptable"), critical above 200 ms ("problematic"); 100–150 ms is not alerted. */
    RTT_MS("rtt_ms", true, 150, 200, 0, 60_000),
    /** The E-model's MOS scale: 1 (unusable) to 4.5 (best narrowband). */
    MOS("mos", false, 4.0, 3.6, 1, 4.5),
    /** DSCP classes (of a dscp_matrix run) that arrived re-marked or bleached: any is a warning, two or more critical. */
    DSCP_CLASSES_CHANGED_COUNT("dscp_classes_changed_count", true, 0, 1, 0, 64),
    /** Sampled RTP ports (of an rtp_ports run) that did not come back through the NAT: any is a warning. */
    RTP_PORTS_BLOCKED_COUNT("rtp_ports_blocked_count", true, 0, 10, 0, 65_535),
    /**
     * The shorter idle UDP binding lifetime a udp_lifetime run found (two-way or one-way): under RFC 4787's 2 minutes
     * is a warning, under DialStack's 60 s critical (registrations then need keepalives the phones may not send).
     */
    UDP_BINDING_LIFETIME_MS("udp_binding_lifetime_ms", false, 120_000, 60_000, 0, 3_600_000);

    private final String wireName;
    private final boolean higherIsWorse;
    private final double defaultWarning;
    private final double defaultCritical;
    private final double lowest;
    private final double highest;

    AlertMetric(String wireName, boolean higherIsWorse, double defaultWarning, double defaultCritical, double lowest, double highest) {
        this.wireName = wireName;
        this.higherIsWorse = higherIsWorse;
        this.defaultWarning = defaultWarning;
        this.defaultCritical = defaultCritical;
        this.lowest = lowest;
        this.highest = highest;
    }

    /** Smallest value a threshold of this metric may have (a measurement cannot go below it). */
    public double lowest() {
        return lowest;
    }

    /** Largest value a threshold of this metric may have: a ratio cannot exceed 1, MOS not 4.5, delays not a minute. */
    public double highest() {
        return highest;
    }

    public String wireName() {
        return wireName;
    }

    public boolean higherIsWorse() {
        return higherIsWorse;
    }

    public Threshold defaults() {
        return new Threshold(this, defaultWarning, defaultCritical);
    }

    public static Optional<AlertMetric> fromWire(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }

    /** The result metrics this alert metric is read from (the evaluator reads only results carrying one of them, and only these keys). */
    public List<String> sourceKeys() {
        return switch (this) {
            case JITTER_MS -> List.of(MetricNames.JITTER_UP_MS, MetricNames.JITTER_DOWN_MS);
            case LOSS_RATIO -> List.of(MetricNames.LOSS_UP_RATIO, MetricNames.LOSS_DOWN_RATIO);
            case RTT_MS -> List.of(MetricNames.RTT_MS);
            case MOS -> List.of(MetricNames.MOS, MetricNames.MOS_UP, MetricNames.MOS_DOWN);
            case DSCP_CLASSES_CHANGED_COUNT -> List.of("classes_changed_count");
            case RTP_PORTS_BLOCKED_COUNT -> List.of("ports_blocked_count");
            case UDP_BINDING_LIFETIME_MS -> List.of(MetricNames.BINDING_SURVIVED_TWO_WAY_MS, MetricNames.BINDING_EXPIRED_TWO_WAY_MS,
                    MetricNames.BINDING_SURVIVED_ONE_WAY_MS, MetricNames.BINDING_EXPIRED_ONE_WAY_MS);
        };
    }

    /** The value of this metric in a result, if the result measured it. */
    public OptionalDouble read(Map<String, Double> metrics) {
        return switch (this) {
            case JITTER_MS -> worst(metrics, true, MetricNames.JITTER_UP_MS, MetricNames.JITTER_DOWN_MS);
            case LOSS_RATIO -> worst(metrics, true, MetricNames.LOSS_UP_RATIO, MetricNames.LOSS_DOWN_RATIO);
            case RTT_MS -> worst(metrics, true, MetricNames.RTT_MS);
            case MOS -> metrics.containsKey(MetricNames.MOS)
                    ? OptionalDouble.of(metrics.get(MetricNames.MOS))
                    : worst(metrics, false, MetricNames.MOS_UP, MetricNames.MOS_DOWN);
            case DSCP_CLASSES_CHANGED_COUNT, RTP_PORTS_BLOCKED_COUNT -> worst(metrics, higherIsWorse, sourceKeys().toArray(String[]::new));
            case UDP_BINDING_LIFETIME_MS -> worst(metrics, false, measuredLifetimes(metrics));
        };
    }

    /**
     * {@link #read} as an SQL expression over one column per source key (NULL where the result lacks the key or its
     * value is unusable): NULL when the result did not measure this metric.
     */
    public String sqlValue(Function<String, String> column) {
        return switch (this) {
            case JITTER_MS, LOSS_RATIO, RTT_MS, DSCP_CLASSES_CHANGED_COUNT, RTP_PORTS_BLOCKED_COUNT -> worstSql(column, higherIsWorse, sourceKeys());
            case MOS -> "coalesce(" + column.apply(MetricNames.MOS) + ", "
                    + worstSql(column, false, List.of(MetricNames.MOS_UP, MetricNames.MOS_DOWN)) + ")";
            case UDP_BINDING_LIFETIME_MS -> "least(CASE WHEN " + column.apply(MetricNames.BINDING_EXPIRED_TWO_WAY_MS) + " IS NOT NULL THEN "
                    + column.apply(MetricNames.BINDING_SURVIVED_TWO_WAY_MS) + " END, CASE WHEN "
                    + column.apply(MetricNames.BINDING_EXPIRED_ONE_WAY_MS) + " IS NOT NULL THEN "
                    + column.apply(MetricNames.BINDING_SURVIVED_ONE_WAY_MS) + " END)";
        };
    }

    /** greatest/least skip NULLs, as {@link #worst} skips absent keys. */
    private static String worstSql(Function<String, String> column, boolean higherIsWorse, List<String> keys) {
        return (higherIsWorse ? "greatest(" : "least(") + keys.stream().map(column).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * The survived keys of the mappings whose search found an expiry. A mapping that never expired survived up to the
     * search's cap, which says nothing about its lifetime beyond: no sample, or a fast search's low cap would alert.
     */
    private static String[] measuredLifetimes(Map<String, Double> metrics) {
        List<String> measured = new java.util.ArrayList<>(2);
        if (metrics.containsKey(MetricNames.BINDING_EXPIRED_TWO_WAY_MS)) {
            measured.add(MetricNames.BINDING_SURVIVED_TWO_WAY_MS);
        }
        if (metrics.containsKey(MetricNames.BINDING_EXPIRED_ONE_WAY_MS)) {
            measured.add(MetricNames.BINDING_SURVIVED_ONE_WAY_MS);
        }
        return measured.toArray(String[]::new);
    }

    private static OptionalDouble worst(Map<String, Double> metrics, boolean higherIsWorse, String... keys) {
        OptionalDouble worst = OptionalDouble.empty();
        for (String key : keys) {
            Double v = metrics.get(key);
            if (v != null && (worst.isEmpty() || (higherIsWorse ? v > worst.getAsDouble() : v < worst.getAsDouble()))) {
                worst = OptionalDouble.of(v);
            }
        }
        return worst;
    }
}
