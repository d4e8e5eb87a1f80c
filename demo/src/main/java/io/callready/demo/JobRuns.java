package io.callready.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The background job runs one collector reports on {@code /q/metrics} ({@code callready.jobs.run{job}} timer):
 * runs, their total and the longest seen, per job. The timer's max decays after a few minutes, so a caller that
 * scrapes often keeps the longest with {@link #merge}.
 */
final class JobRuns {
    /** One job's runs in one collector. */
    record Job(long runs, double totalSeconds, double longestSeconds) {
    }

    private static final Pattern LINE = Pattern.compile(
            "^callready_jobs_run_seconds_(count|sum|max)\\{(?:[^}]*,)?job=\"([a-z-]+)\"[^}]*}\\s+(\\S+)$", Pattern.MULTILINE);

    private final Map<String, Job> jobs;

    private JobRuns(Map<String, Job> jobs) {
        this.jobs = jobs;
    }

    static JobRuns none() {
        return new JobRuns(Map.of());
    }

    /** Reads the job timer lines of a Prometheus scrape; other lines are ignored. */
    static JobRuns parse(String metrics) {
        Map<String, double[]> values = new TreeMap<>();
        Matcher m = LINE.matcher(metrics);
        while (m.find()) {
            double[] v = values.computeIfAbsent(m.group(2), j -> new double[3]);
            v[switch (m.group(1)) {
                case "count" -> 0;
                case "sum" -> 1;
                default -> 2;
            }] = Double.parseDouble(m.group(3));
        }
        Map<String, Job> jobs = new TreeMap<>();
        values.forEach((job, v) -> jobs.put(job, new Job((long) v[0], v[1], v[2])));
        return new JobRuns(jobs);
    }

    /** A later scrape's counts and totals, with the longest run of both (the later one's max may have decayed). */
    JobRuns merge(JobRuns later) {
        Map<String, Job> merged = new LinkedHashMap<>(later.jobs);
        jobs.forEach((job, before) -> merged.merge(job, before,
                (now, old) -> new Job(now.runs(), now.totalSeconds(), Math.max(now.longestSeconds(), old.longestSeconds()))));
        return new JobRuns(new TreeMap<>(merged));
    }

    /** The job's runs, or none. */
    Job job(String name) {
        return jobs.getOrDefault(name, new Job(0, 0, 0));
    }
}
