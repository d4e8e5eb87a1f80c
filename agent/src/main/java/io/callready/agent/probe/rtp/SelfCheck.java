package io.callready.agent.probe.rtp;

import java.util.Arrays;

/**
 * The probe's own noise and cost, kept with each result so a reader can tell the network from the probe:
 * how far actual send times strayed from the absolute schedule, and the CPU time the probe's exchange thread
 * used.
 *
 * @param pacingErrorMedianMs median |actual − scheduled| send time
 * @param pacingErrorP99Ms    99th percentile of the same
 * @param cpuMs               CPU time of the exchange thread (sends, replies, late replies); −1 when the JVM cannot
 *                            measure thread CPU time
 */
public record SelfCheck(double pacingErrorMedianMs, double pacingErrorP99Ms, double cpuMs) {
    private static final double NS_PER_MS = 1_000_000.0;

    /** @param pacingErrorsNanos |actual − scheduled| send time of each packet sent, as the exchange measured them */
    public static SelfCheck of(long[] pacingErrorsNanos, long cpuNanos) {
        double[] errors = new double[pacingErrorsNanos.length];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = pacingErrorsNanos[i] / NS_PER_MS;
        }
        Arrays.sort(errors);
        return new SelfCheck(percentile(errors, 0.5), percentile(errors, 0.99), cpuMs(cpuNanos));
    }

    /** Nearest-rank percentile; 0 for no samples. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double cpuMs(long nanos) {
        return nanos < 0 ? -1 : nanos / NS_PER_MS;
    }

    /** Adds this check as the {@code self} object of a result's details. */
    public void putInto(com.fasterxml.jackson.databind.node.ObjectNode details) {
        details.putObject("self")
                .put("pacing_error_median_ms", pacingErrorMedianMs)
                .put("pacing_error_p99_ms", pacingErrorP99Ms)
                .put("cpu_ms", cpuMs);
    }
}
