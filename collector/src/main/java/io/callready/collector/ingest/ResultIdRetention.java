package io.callready.collector.ingest;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.config.CollectorConfig;
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

/**
 * Forgets the ids of results that retention has deleted, so {@code result_ids} does not outgrow {@code results}.
 * It waits one day beyond {@code callready.retention.raw}: TimescaleDB drops whole one-day chunks, so a row may
 * outlive the retention by up to a day, and its id must stay claimed while it does. With several collectors on one
 * database one of them prunes per interval ({@link JobLease}).
 */
@ApplicationScoped
public class ResultIdRetention {
    private static final Logger LOG = Logger.getLogger(ResultIdRetention.class);
    /** The hypertable's chunk interval (V3__results_hypertable.sql). */
    static final Duration CHUNK_MARGIN = Duration.ofDays(1);
    /** The name this job takes its turns under in {@code job_leases}. */
    static final String JOB = "result-id-retention";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    CollectorConfig config;
    @Inject
    Clock clock;
    @Inject
    JobLease lease;

    @Scheduled(every = "${callready.retention.check-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        lease.runOnce(JOB, config.retention().checkInterval(), this::pruneNow);
    }

    private void pruneNow() {
        try {
            int forgotten = prune(clock.instant());
            if (forgotten > 0) {
                LOG.infof("Retention: forgot %d result ids", forgotten);
            }
        } catch (SQLException e) {
            LOG.warnf("Pruning result ids failed, will retry at the next run: %s", e.getMessage());
        }
    }

    /** Deletes the ids whose start time lies before {@code now} minus the raw retention and a chunk. */
    public int prune(Instant now) throws SQLException {
        Instant cutoff = now.minus(config.retention().raw()).minus(CHUNK_MARGIN);
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM result_ids WHERE started_at < ?")) {
            delete.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            return delete.executeUpdate();
        }
    }
}
