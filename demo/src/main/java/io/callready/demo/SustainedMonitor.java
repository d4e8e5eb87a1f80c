package io.callready.demo;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the sustained run watches once a second, in state that does not grow with the run: the alert evaluator's
 * lag (database time now minus the evaluator's cursor, which stops at the receipt horizon: how far behind the
 * newest results the evaluator reads), each collector's job runs ({@link JobRuns}), whether the silent site's
 * agent-offline alert has fired, and whether the rollups have merged every stored result.
 */
final class SustainedMonitor implements AutoCloseable {
    private static final Pattern SAMPLES = Pattern.compile("^callready_alerts_samples_evaluated_total(?:\\{[^}]*})?\\s+(\\S+)$", Pattern.MULTILINE);
    private static final String CURSOR = "SELECT extract(epoch FROM now()), extract(epoch FROM received_from) FROM alert_eval_cursor";
    private static final String OFFLINE_ALERT = "SELECT count(*) FROM alerts WHERE kind = 'agent_offline' AND site_id = ?::uuid";
    private static final String NOT_ROLLED_UP = "SELECT count(*) FROM results WHERE received_at >= (SELECT received_before FROM rollup_watermark)";

    private final BenchCluster cluster;
    private final Connection db;
    private final HttpClient scrape = HttpClient.newHttpClient();
    private final String silentSite;
    private final List<JobRuns> jobs = new ArrayList<>();
    private double databaseNow;
    private double evaluatedBefore;
    private double lagSeconds;
    private double maxLagSeconds;
    private double samplesEvaluated;
    private double offlineAlertAfterSeconds = Double.NaN;
    private final long startNanos = System.nanoTime();

    /** Start it when the load starts: times are counted from here. */
    SustainedMonitor(BenchCluster cluster, String silentSite) throws SQLException {
        this.cluster = cluster;
        this.db = cluster.database();
        this.silentSite = silentSite;
        cluster.replicas().forEach(r -> jobs.add(JobRuns.none()));
    }

    /** One look at the database and every collector's metrics. */
    void poll() throws SQLException, IOException, InterruptedException {
        try (PreparedStatement q = db.prepareStatement(CURSOR); ResultSet rs = q.executeQuery()) {
            rs.next();
            databaseNow = rs.getDouble(1);
            evaluatedBefore = rs.getDouble(2);
        }
        lagSeconds = Math.max(0, databaseNow - evaluatedBefore);
        maxLagSeconds = Math.max(maxLagSeconds, lagSeconds);
        double samples = 0;
        for (BenchCollector c : cluster.replicas()) {
            String metrics = scrape.send(HttpRequest.newBuilder(c.base().resolve("/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            int r = c.replica() - 1;
            jobs.set(r, jobs.get(r).merge(JobRuns.parse(metrics)));
            Matcher evaluated = SAMPLES.matcher(metrics);
            samples += evaluated.find() ? Double.parseDouble(evaluated.group(1)) : 0;
        }
        samplesEvaluated = samples;
        if (Double.isNaN(offlineAlertAfterSeconds) && count(OFFLINE_ALERT, silentSite) > 0) {
            offlineAlertAfterSeconds = (System.nanoTime() - startNanos) / 1e9;
        }
    }

    /** The database's clock at the last poll, in epoch seconds. */
    double databaseNow() {
        return databaseNow;
    }

    /** Epoch seconds before which every stored result had been evaluated at the last poll. */
    double evaluatedBefore() {
        return evaluatedBefore;
    }

    double lagSeconds() {
        return lagSeconds;
    }

    double maxLagSeconds() {
        return maxLagSeconds;
    }

    double samplesEvaluated() {
        return samplesEvaluated;
    }

    /** When (seconds into the run) the offline check opened the silent site's agent-offline alert; NaN while it has not. */
    double offlineAlertAfterSeconds() {
        return offlineAlertAfterSeconds;
    }

    /** Each collector's job runs so far, in collector order. */
    List<JobRuns> jobs() {
        return List.copyOf(jobs);
    }

    /** Whether the rollup watermark has passed every stored result. */
    boolean rolledUp() throws SQLException {
        return notRolledUp() == 0;
    }

    /** Stored results the rollup watermark has not passed yet. */
    long notRolledUp() throws SQLException {
        return count(NOT_ROLLED_UP, null);
    }

    Connection database() {
        return db;
    }

    private long count(String sql, String parameter) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            if (parameter != null) {
                q.setString(1, parameter);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        scrape.close();
        db.close();
    }
}
