package io.callready.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingest for a while with the background jobs on at their default intervals: every client generates its batches
 * as it goes. Once a second it reads the alert evaluator's lag (database time now minus the evaluator's cursor, which
 * stops at the receipt horizon: how far behind the newest results the evaluator reads) and the longest
 * rollup and evaluation runs the collector reports ({@code callready.jobs.run} timer).
 */
final class SustainedRun {
    static final Duration ROLLUP_INTERVAL = Duration.ofSeconds(60);
    private static final Pattern RUN_MAX = Pattern.compile("^callready_jobs_run_seconds_max\\{job=\"([a-z-]+)\"[^}]*}\\s+(\\S+)$", Pattern.MULTILINE);
    private static final Pattern RUN_COUNT = Pattern.compile("^callready_jobs_run_seconds_count\\{job=\"rollup\"[^}]*}\\s+(\\S+)$", Pattern.MULTILINE);
    private static final Pattern SAMPLES = Pattern.compile("^callready_alerts_samples_evaluated_total(?:\\{[^}]*})?\\s+(\\S+)$", Pattern.MULTILINE);

    record Figures(long rows, double seconds, long collectorTicks, long postgresTicks, long peakRssKb,
                   double maxEvaluatorLagSeconds, double maxEvaluationSeconds, long rollupRuns, double maxRollupSeconds) {
    }

    private SustainedRun() {
    }

    static Figures run(Artifacts bin, Path work, int agentCount, int batch, int clients, Duration length, PrintStream out) throws Exception {
        try (BenchCollector c = BenchCollector.start(bin, work, true)) {
            List<BenchRows.Agent> agents = c.agents(agentCount);
            AtomicLong stored = new AtomicLong();
            long collector0 = ProcStats.cpuTicks(c.pid(), false);
            long postgres0 = ProcStats.postgresTicks(c.postmaster());
            RssSampler rss = RssSampler.start(c.pid());
            long start = System.nanoTime();
            long end = start + length.toNanos();
            double[] worst = new double[3]; // evaluator lag, evaluation run, rollup run
            long rollupRuns = 0;
            double samples = 0;
            try (ExecutorService pool = Executors.newFixedThreadPool(clients); Connection db = c.database();
                 HttpClient scrape = HttpClient.newHttpClient()) {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    int client = i;
                    done.add(pool.submit(() -> {
                        Random rnd = new Random(100 + client);
                        try (HttpClient http = HttpClient.newHttpClient()) {
                            for (int b = client; System.nanoTime() < end; b += clients) {
                                BenchRows.Batch next = BenchRows.batch(agents.get(b % agents.size()), batch, rnd, Instant.now(), false);
                                stored.addAndGet(IngestBenchmark.post(c.base(), next, http));
                            }
                        }
                        return null;
                    }));
                }
                long nextReport = start + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < end) {
                    Thread.sleep(1_000);
                    double lag = IngestBenchmark.scalar(db, "SELECT extract(epoch FROM now() - received_from) FROM alert_eval_cursor");
                    worst[0] = Math.max(worst[0], lag);
                    String metrics = scrape.send(HttpRequest.newBuilder(c.base().resolve("/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    Matcher m = RUN_MAX.matcher(metrics);
                    while (m.find()) {
                        int slot = "alert-evaluation".equals(m.group(1)) ? 1 : "rollup".equals(m.group(1)) ? 2 : -1;
                        if (slot > 0) {
                            worst[slot] = Math.max(worst[slot], Double.parseDouble(m.group(2)));
                        }
                    }
                    Matcher count = RUN_COUNT.matcher(metrics);
                    rollupRuns = count.find() ? (long) Double.parseDouble(count.group(1)) : rollupRuns;
                    Matcher evaluated = SAMPLES.matcher(metrics);
                    samples = evaluated.find() ? Double.parseDouble(evaluated.group(1)) : samples;
                    if (System.nanoTime() > nextReport) {
                        nextReport += Duration.ofSeconds(30).toNanos();
                        out.printf(Locale.ROOT, "  sustained %3.0f s: %d rows, evaluator lag %.1f s, RSS %d MB%n",
                                (System.nanoTime() - start) / 1e9, stored.get(), lag, ProcStats.rssKb(c.pid()) / 1024);
                    }
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // Each sample is one (series, result) the evaluator fed through the breach rule: what it once upserted one by one.
            out.printf(Locale.ROOT, "  alert evaluation: %.0f samples evaluated, %.0f samples/s%n", samples, samples / seconds);
            if (stored.get() == 0) {
                throw new IOException("the sustained run stored nothing");
            }
            return new Figures(stored.get(), seconds, ProcStats.cpuTicks(c.pid(), false) - collector0,
                    ProcStats.postgresTicks(c.postmaster()) - postgres0, rss.stop(), worst[0], worst[1], rollupRuns, worst[2]);
        }
    }
}
