package io.callready.collector.jobs;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Several collectors on one database each schedule every job; a job that should run once per interval in all of
 * them (retention, result-id pruning, QoS advice) runs through here. A run starts only when this collector holds
 * the job's session advisory lock (no other collector runs it now; a collector that dies releases it with its
 * connection) and can move the job's {@code job_leases} row, which records when any collector last started it, on
 * to now: the row moves only when that start lies at least nine tenths of the interval back, so runs stay an
 * interval apart whichever collector's timer fires first, and a collector that is gone leaves the job to another.
 */
@ApplicationScoped
public class JobLease {
    /** First key of the two-key advisory locks (the second is the job name's hash), apart from other locks. */
    private static final int LOCK_SPACE = 0x4352_4a4c; // "CRJL"
    private static final String CLAIM = """
            INSERT INTO job_leases AS l (job, started_at, holder) VALUES (?, now(), ?)
            ON CONFLICT (job) DO UPDATE SET started_at = EXCLUDED.started_at, holder = EXCLUDED.holder
            WHERE l.started_at <= now() - ?::interval
            RETURNING job""";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    JobHealth health;

    /** Names the collector in job_leases for an operator: the host (pod) name and process id. */
    private final String holder = System.getenv().getOrDefault("HOSTNAME", "collector") + "/" + ProcessHandle.current().pid();

    /**
     * Runs {@code job} if it is this collector's turn; a failure to take the turn (database gone) is reported to
     * {@link JobHealth} under the job's name, like a failed run.
     *
     * @param every how often the job is scheduled, as its setting writes it
     * @return false when another collector runs it now or started it less than 0.9 interval ago
     */
    public boolean runOnce(String job, String every, Runnable run) {
        try {
            return runOnce(job, interval(every), run);
        } catch (SQLException | RuntimeException e) {
            health.failed(job, e);
            return false;
        }
    }

    private boolean runOnce(String job, Duration interval, Runnable run) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!lock(c, "pg_try_advisory_lock", job)) {
                return false;
            }
            try {
                if (!claim(c, job, interval.multipliedBy(9).dividedBy(10))) {
                    return false;
                }
                run.run();
                return true;
            } finally {
                lock(c, "pg_advisory_unlock", job);
            }
        }
    }

    /** {@link #interval}, or empty for "off" (any case), which the jobs' settings take for "never". */
    public static Optional<Duration> intervalUnlessOff(String every) {
        return "off".equalsIgnoreCase(every.strip()) ? Optional.empty() : Optional.of(interval(every));
    }

    /** A Quarkus scheduler interval as the jobs' settings write it ({@code 1h}, {@code 60s}, {@code 2d}, {@code PT15M}). */
    public static Duration interval(String every) {
        String text = every.strip();
        if (text.regionMatches(true, 0, "P", 0, 1)) {
            return Duration.parse(text);
        }
        return Duration.parse(text.endsWith("d") || text.endsWith("D") ? "P" + text : "PT" + text);
    }

    private static boolean lock(Connection c, String function, String job) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + function + "(?, hashtext(?))")) {
            q.setInt(1, LOCK_SPACE);
            q.setString(2, job);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private boolean claim(Connection c, String job, Duration minimumGap) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(CLAIM)) {
            q.setString(1, job);
            q.setString(2, holder);
            q.setString(3, minimumGap.toMillis() + " milliseconds");
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }
}
