package io.callready.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One timed phase of the ingest benchmark: wall time, PostgreSQL's CPU (one server for all collectors) and what
 * each collector did. Rates and CPU per row per collector and combined; the table the benchmark prints.
 *
 * @param replicas empty for raw COPY, which no collector takes part in
 */
record PhaseFigures(String name, long copyRows, double seconds, long postgresTicks, List<Share> replicas) {
    static final String HEADER = String.format(Locale.ROOT, "%-16s %-8s %9s %8s %9s %8s %17s %16s %12s", "phase", "replica", "rows",
            "seconds", "rows/s", "of COPY", "collector µs/row", "postgres µs/row", "peak RSS MB");

    /** What one collector (numbered from 1) stored in the phase, its CPU and its peak RSS. */
    record Share(int replica, long rows, long collectorTicks, long peakRssKb) {
    }

    static PhaseFigures copy(String name, long rows, double seconds, long postgresTicks) {
        return new PhaseFigures(name, rows, seconds, postgresTicks, List.of());
    }

    static PhaseFigures collectors(String name, double seconds, long postgresTicks, List<Share> replicas) {
        return new PhaseFigures(name, 0, seconds, postgresTicks, List.copyOf(replicas));
    }

    long rows() {
        return replicas.isEmpty() ? copyRows : replicas.stream().mapToLong(Share::rows).sum();
    }

    double rowsPerSecond() {
        return rows() / seconds;
    }

    long collectorTicks() {
        return replicas.stream().mapToLong(Share::collectorTicks).sum();
    }

    /** The collectors' peaks added up: what they held at most together, if their peaks coincided. */
    long peakRssKbSum() {
        return replicas.stream().mapToLong(Share::peakRssKb).sum();
    }

    /** CPU microseconds per row from clock ticks; NaN when no row was stored. */
    static double microsPerRow(long ticks, long rows) {
        return rows == 0 ? Double.NaN : ticks * ProcStats.SECONDS_PER_TICK * 1e6 / rows;
    }

    /** One line per collector (when there are several) and one for all of them, rates against {@code copyRowsPerSecond}. */
    List<String> lines(double copyRowsPerSecond) {
        List<String> out = new ArrayList<>();
        if (replicas.isEmpty()) {
            out.add(line("-", rows(), Double.NaN, microsPerRow(postgresTicks, rows()), -1, copyRowsPerSecond));
            return out;
        }
        if (replicas.size() > 1) {
            for (Share s : replicas) {
                out.add(line(Integer.toString(s.replica()), s.rows(), microsPerRow(s.collectorTicks(), s.rows()), Double.NaN,
                        s.peakRssKb(), copyRowsPerSecond));
            }
        }
        out.add(line(replicas.size() > 1 ? "all" : "1", rows(), microsPerRow(collectorTicks(), rows()),
                microsPerRow(postgresTicks, rows()), peakRssKbSum(), copyRowsPerSecond));
        return out;
    }

    private String line(String replica, long rows, double collectorMicros, double postgresMicros, long rssKb, double copyRowsPerSecond) {
        double rate = rows / seconds;
        return String.format(Locale.ROOT, "%-16s %-8s %9d %8.2f %9.0f %8.2f %17s %16s %12s", name, replica, rows, seconds, rate,
                rate / copyRowsPerSecond, micros(collectorMicros), micros(postgresMicros), rssKb < 0 ? "-" : Long.toString(rssKb / 1024));
    }

    private static String micros(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
