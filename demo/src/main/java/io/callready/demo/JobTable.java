package io.callready.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.wire.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Which collector ran which job, from each one's {@code callready.jobs.run{job}} timer, and who holds each
 * {@code job_leases} row. An evaluation pass (and the offline check inside it) is counted only by the collector
 * that took the pass's lock; a rollup run is counted by every collector whose timer fired, also when the other
 * held the watermark and it merged nothing, so its total and longest run show who did the work.
 */
final class JobTable {
    private static final ObjectMapper JSON = Json.newMapper();
    private JobTable() {
    }

    /** @param jobs job name to its interval as printed */
    static void print(PrintStream out, List<BenchCollector> replicas, List<JobRuns> runs, Map<String, String> jobs, Connection db)
            throws SQLException {
        out.printf(Locale.ROOT, "%n%-17s %-8s %7s %10s %11s %9s%n", "job", "replica", "runs", "total s", "longest s", "interval");
        for (Map.Entry<String, String> job : jobs.entrySet()) {
            for (int r = 0; r < replicas.size(); r++) {
                JobRuns.Job j = runs.get(r).job(job.getKey());
                out.printf(Locale.ROOT, "%-17s %-8d %7d %10.2f %11.2f %9s%n", job.getKey(), replicas.get(r).replica(), j.runs(),
                        j.totalSeconds(), j.longestSeconds(), job.getValue());
            }
        }
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT job, holder, started_at FROM job_leases ORDER BY job")) {
            while (rs.next()) {
                out.printf(Locale.ROOT, "job lease %s: last started by collector %s at %s%n", rs.getString(1),
                        replicaOf(rs.getString(2), replicas), rs.getString(3));
            }
        }
    }

    /**
     * Each collector's {@code /q/health/ready}: UP, or DOWN with the jobs that failed several runs in a row (a failed
     * run is not in the job timer, so the table above cannot show it).
     */
    static void readiness(PrintStream out, List<BenchCollector> replicas) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (BenchCollector c : replicas) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(c.base().resolve("/q/health/ready")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                StringJoiner failing = new StringJoiner("; ");
                for (JsonNode check : JSON.readTree(r.body()).path("checks")) {
                    if (!"UP".equals(check.path("status").asText())) {
                        check.path("data").properties().forEach(e -> failing.add(e.getKey() + ": " + e.getValue().asText()));
                    }
                }
                out.printf(Locale.ROOT, "collector %d readiness: %s%s%n", c.replica(), r.statusCode() == 200 ? "UP" : "DOWN (" + r.statusCode() + ")",
                        failing.length() == 0 ? "" : ", " + failing);
            }
        }
    }

    /** The collector a lease holder ({@code host/pid}) names, by its process id. */
    static String replicaOf(String holder, List<BenchCollector> replicas) {
        String pid = holder.substring(holder.lastIndexOf('/') + 1);
        for (BenchCollector c : replicas) {
            if (Long.toString(c.pid()).equals(pid)) {
                return Integer.toString(c.replica());
            }
        }
        return "? (" + holder + ")";
    }
}
