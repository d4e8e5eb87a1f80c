package io.callready.demo;

import io.callready.wire.plan.DurationText;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Ingest for a while with the background jobs on in every collector at their default intervals (alert evaluation
 * with its offline check every 10 s, rollups every 60 s; the collectors share them as in production): every client
 * generates its batches as it goes, so the benchmark's own memory does not grow with the run. Every 30 s it prints
 * the rows stored, the evaluator's lag and each collector's RSS. When the load stops it waits (up to the catch-up
 * time) until the evaluator has read every result and is within one interval, and the rollups have merged every
 * result, and says how long each took. Then it checks each result is stored and rolled up once, and prints which
 * collector ran each job and its longest run.
 *
 * <p>A silent site proves the offline check runs: its agent ships one result with a plan interval of 10 s and then
 * nothing, so its agent-offline alert is due 30 s later.
 */
final class SustainedRun {
    static final Duration EVALUATE_EVERY = Duration.ofSeconds(10);
    static final Duration ROLLUP_INTERVAL = Duration.ofSeconds(60);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);
    private static final String SILENT_INTERVAL = "10s";
    /** The jobs the table shows, with their intervals here (the offline check runs inside each evaluation pass). */
    private static final Map<String, String> JOBS = jobs();

    private SustainedRun() {
    }

    /** @return whether the evaluator and the rollups caught up and the offline check fired */
    static boolean run(Artifacts bin, Path work, IngestOptions o, double copyRowsPerSecond, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "%nsustained %s with jobs on in %d collector%s: alert evaluation every %d s with its offline check, "
                        + "rollups every %d s%n", DurationText.format(o.sustained()), o.replicas(), o.replicas() == 1 ? "" : "s", EVALUATE_EVERY.toSeconds(),
                ROLLUP_INTERVAL.toSeconds());
        try (BenchCluster cluster = BenchCluster.start(bin, work, o.replicas(), true)) {
            List<BenchRows.Agent> all = cluster.first().agents(o.agents() + 1);
            List<BenchRows.Agent> agents = all.subList(0, o.agents());
            BenchRows.Agent silent = all.getLast();
            long accepted;
            try (HttpClient http = HttpClient.newHttpClient()) {
                accepted = IngestBenchmark.post(cluster.first().base(), BenchRows.single(silent, new Random(99), Instant.now(), SILENT_INTERVAL), http);
            }
            out.printf(Locale.ROOT, "  offline check on: a silent site ships one result (plan interval %s) and then nothing; "
                    + "its agent-offline alert is due 30 s later%n", SILENT_INTERVAL);
            List<BenchCollector> replicas = cluster.replicas();
            AtomicLongArray stored = new AtomicLongArray(replicas.size());
            PhaseMeter meter = PhaseMeter.start(cluster);
            RssSampler benchRss = RssSampler.start(ProcessHandle.current().pid());
            List<Double> lagSteps = new ArrayList<>();
            long start = System.nanoTime();
            long end = start + o.sustained().toNanos();
            try (SustainedMonitor monitor = new SustainedMonitor(cluster, silent.siteId());
                 ExecutorService pool = Executors.newFixedThreadPool(o.clients())) {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < o.clients(); i++) {
                    int client = i;
                    BenchCollector via = cluster.forClient(i);
                    done.add(pool.submit(() -> {
                        Random rnd = new Random(100 + client);
                        try (HttpClient http = HttpClient.newHttpClient()) {
                            for (int b = client; System.nanoTime() < end; b += o.clients()) {
                                BenchRows.Batch next = BenchRows.batch(agents.get(b % agents.size()), o.batch(), rnd, Instant.now(), false);
                                stored.addAndGet(via.replica() - 1, IngestBenchmark.post(via.base(), next, http));
                            }
                        }
                        return null;
                    }));
                }
                long nextReport = start + REPORT_EVERY.toNanos();
                long rowsAtReport = 0;
                double windowLag = 0;
                while (System.nanoTime() < end) {
                    Thread.sleep(1_000);
                    monitor.poll();
                    windowLag = Math.max(windowLag, monitor.lagSeconds());
                    if (System.nanoTime() > nextReport) {
                        nextReport += REPORT_EVERY.toNanos();
                        long rows = total(stored);
                        lagSteps.add(windowLag);
                        StringJoiner memory = new StringJoiner(", ");
                        replicas.forEach(c -> memory.add(c.replica() + ": " + ProcStats.rssKb(c.pid()) / 1024));
                        out.printf(Locale.ROOT, "  sustained %4.0f s: %d rows (%.0f rows/s in the last %d s), evaluator lag %.1f s "
                                        + "(max %.1f s in the last %d s), collector RSS MB %s%n", (System.nanoTime() - start) / 1e9, rows,
                                (rows - rowsAtReport) / (double) REPORT_EVERY.toSeconds(), REPORT_EVERY.toSeconds(), monitor.lagSeconds(),
                                windowLag, REPORT_EVERY.toSeconds(), memory);
                        rowsAtReport = rows;
                        windowLag = 0;
                    }
                }
                for (Future<?> f : done) {
                    f.get();
                }
                PhaseFigures load = meter.stop("sustained " + DurationText.format(o.sustained()), stored);
                double seconds = load.seconds();
                if (load.rows() == 0) {
                    throw new IOException("the sustained run stored nothing");
                }
                accepted += load.rows();
                double evaluatedSamples = monitor.samplesEvaluated();
                double maxLag = monitor.maxLagSeconds();
                CatchUp caught = CatchUp.await(monitor, o.catchUp(), EVALUATE_EVERY);
                out.printf(Locale.ROOT, "%n%s%n", PhaseFigures.HEADER);
                load.lines(copyRowsPerSecond).forEach(out::println);
                out.printf(Locale.ROOT, "%nevaluator lag under load, the most in each %d s: %s s; max %.1f s (one interval: %d s); %.0f samples evaluated, %.0f/s%n",
                        REPORT_EVERY.toSeconds(), steps(lagSteps), maxLag, EVALUATE_EVERY.toSeconds(), evaluatedSamples,
                        evaluatedSamples / seconds);
                out.println(caught.describe());
                out.println(Double.isNaN(monitor.offlineAlertAfterSeconds())
                        ? "offline check: the silent site's agent-offline alert did NOT open"
                        : String.format(Locale.ROOT, "offline check: the silent site's agent-offline alert opened %.0f s into the run",
                        monitor.offlineAlertAfterSeconds()));
                Connection db = monitor.database();
                out.println(StoredOnce.check(db, accepted));
                out.println(caught.rollups() ? StoredOnce.rolledUpOnce(db)
                        : String.format(Locale.ROOT, "rollups: %d results not merged yet", monitor.notRolledUp()));
                JobTable.print(out, replicas, monitor.jobs(), JOBS, db);
                JobTable.readiness(out, replicas);
                out.printf(Locale.ROOT, "bench RSS peak %d MB%n", benchRss.stop() / 1024);
                return caught.evaluator() && caught.rollups() && !Double.isNaN(monitor.offlineAlertAfterSeconds());
            }
        }
    }

    private static Map<String, String> jobs() {
        Map<String, String> jobs = new LinkedHashMap<>();
        jobs.put("alert-evaluation", EVALUATE_EVERY.toSeconds() + " s");
        jobs.put("offline-check", EVALUATE_EVERY.toSeconds() + " s");
        jobs.put("rollup", ROLLUP_INTERVAL.toSeconds() + " s");
        jobs.put("retention", "1 h");
        jobs.put("qos-advice", "15 min");
        return jobs;
    }

    private static long total(AtomicLongArray stored) {
        long sum = 0;
        for (int i = 0; i < stored.length(); i++) {
            sum += stored.get(i);
        }
        return sum;
    }

    private static String steps(List<Double> lags) {
        StringJoiner j = new StringJoiner(", ");
        lags.forEach(l -> j.add(String.format(Locale.ROOT, "%.1f", l)));
        return j.length() == 0 ? "-" : j.toString();
    }
}
