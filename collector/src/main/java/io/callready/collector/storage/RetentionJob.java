package io.callready.collector.storage;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.config.CollectorConfig;
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

/**
 * Plain PostgreSQL only: deletes raw results older than {@code callready.retention.raw} and rollup rows older than
 * {@code .rollup-5m} / {@code .rollup-1h}. Under TimescaleDB retention policies drop whole chunks instead
 * ({@link TimescalePolicies}).
 */
@ApplicationScoped
public class RetentionJob {
    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    /** Rows deleted by one run. */
    public record Purged(int raw, int rollup5m, int rollup1h) {
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    StorageMode mode;
    @Inject
    CollectorConfig config;
    @Inject
    Clock clock;

    @Scheduled(every = "${callready.retention.check-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (mode.timescale()) {
            return;
        }
        try {
            Purged purged = purge(clock.instant());
            if (purged.raw() + purged.rollup5m() + purged.rollup1h() > 0) {
                LOG.infof("Retention: deleted %d results, %d results_5m rows, %d results_1h rows", purged.raw(), purged.rollup5m(), purged.rollup1h());
            }
        } catch (SQLException e) {
            LOG.warnf("Retention run failed, will retry at the next run: %s", e.getMessage());
        }
    }

    /** Deletes exactly the rows whose time lies before {@code now} minus the retention of their table. */
    public Purged purge(Instant now) throws SQLException {
        CollectorConfig.Retention retention = config.retention();
        try (Connection c = dataSource.getConnection()) {
            return new Purged(
                    delete(c, "results", "started_at", now, retention.raw()),
                    delete(c, "results_5m", "bucket", now, retention.rollup5m()),
                    delete(c, "results_1h", "bucket", now, retention.rollup1h()));
        }
    }

    private static int delete(Connection c, String table, String timeColumn, Instant now, Duration keep) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE " + timeColumn + " < ?")) {
            delete.setObject(1, OffsetDateTime.ofInstant(now.minus(keep), ZoneOffset.UTC));
            return delete.executeUpdate();
        }
    }
}
