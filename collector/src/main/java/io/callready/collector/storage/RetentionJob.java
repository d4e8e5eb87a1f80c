package io.callready.collector.storage;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.config.CollectorConfig;
import io.callready.collector.jobs.JobHealth;
import io.callready.collector.jobs.JobLease;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain PostgreSQL only: deletes raw results older than {@code callready.retention.raw} and rollup rows older than
 * {@code .rollup-5m} / {@code .rollup-1h} (results_3h, made from results_1h, keeps what results_1h keeps). Under TimescaleDB retention policies drop whole chunks instead
 * ({@link TimescalePolicies}). Rows are deleted by time alone, so no value in them can stop a run; a start time of
 * {@code -infinity} is simply old. With several collectors on one database one of them runs each pass
 * ({@link JobLease}); rollup sums ({@code rollup_sums_5m/_1h}) are trimmed with their rollup rows.
 */
@ApplicationScoped
public class RetentionJob {
    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    /** Rows deleted by one run. */
    public record Purged(int raw, int rollup5m, int rollup1h, int rollup3h) {
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    StorageMode mode;
    @Inject
    CollectorConfig config;
    @Inject
    Clock clock;
    @Inject
    JobHealth health;
    @Inject
    JobLease lease;

    @Scheduled(every = "${callready.retention.check-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!mode.timescale()) {
            lease.runOnce(JobHealth.RETENTION, config.retention().checkInterval(), this::run);
        }
    }

    /** One run, reported to {@link JobHealth} as {@value JobHealth#RETENTION}; null when it failed. */
    public Purged run() {
        long start = System.nanoTime();
        try {
            Purged purged = purge(clock.instant());
            if (purged.raw() + purged.rollup5m() + purged.rollup1h() + purged.rollup3h() > 0) {
                LOG.infof("Retention: deleted %d results, %d results_5m rows, %d results_1h rows, %d results_3h rows",
                        purged.raw(), purged.rollup5m(), purged.rollup1h(), purged.rollup3h());
            }
            health.ran(JobHealth.RETENTION, Duration.ofNanos(System.nanoTime() - start));
            health.succeeded(JobHealth.RETENTION);
            return purged;
        } catch (SQLException | RuntimeException e) {
            health.failed(JobHealth.RETENTION, e);
            return null;
        }
    }

    /**
     * Deletes exactly the rows whose time lies before {@code now} minus the retention of their table. Each table
     * is its own statement: when one fails the others are still trimmed, then the first failure is thrown.
     */
    public Purged purge(Instant now) throws SQLException {
        CollectorConfig.Retention retention = config.retention();
        try (Connection c = dataSource.getConnection()) {
            List<SQLException> failures = new ArrayList<>();
            Purged purged = new Purged(
                    delete(c, "results", "started_at", now, retention.raw(), failures),
                    delete(c, "results_5m", "bucket", now, retention.rollup5m(), failures),
                    delete(c, "results_1h", "bucket", now, retention.rollup1h(), failures),
                    delete(c, "results_3h", "bucket", now, retention.rollup1h(), failures));
            delete(c, "rollup_sums_5m", "bucket", now, retention.rollup5m(), failures);
            delete(c, "rollup_sums_1h", "bucket", now, retention.rollup1h(), failures);
            if (!failures.isEmpty()) {
                throw failures.getFirst();
            }
            return purged;
        }
    }

    private static int delete(Connection c, String table, String timeColumn, Instant now, Duration keep, List<SQLException> failures) {
        try {
            return delete(c, table, timeColumn, now, keep);
        } catch (SQLException e) {
            failures.add(e);
            return 0;
        }
    }

    private static int delete(Connection c, String table, String timeColumn, Instant now, Duration keep) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE " + timeColumn + " < ?")) {
            delete.setObject(1, OffsetDateTime.ofInstant(now.minus(keep), ZoneOffset.UTC));
            return delete.executeUpdate();
        }
    }
}
