package io.callready.collector.alert;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.jobs.JobHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One evaluation pass, in one transaction: silent sites, new results, cross-site incidents, then due messages.
 * It runs on a schedule rather than inside ingest so that a crash between storing results and evaluating them
 * loses nothing (the cursor only moves when the pass commits) and ingest latency does not depend on alerting.
 * A transaction-scoped advisory lock keeps concurrent passes (several collectors on one database) apart.
 * Inside the pass each site (and each due alert) has its own savepoint, so a site that cannot be evaluated is
 * skipped, logged and counted, and everyone else's alerts still fire in the same commit; a pass that fails as a
 * whole (database gone, schema broken) rolls back and counts towards readiness DOWN ({@link JobHealth}).
 */
@Startup
@ApplicationScoped
public class AlertEvaluator {
    private static final long LOCK_KEY = 0x43_52_41_4c; // "CRAL"

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;
    @Inject
    OfflineCheck offline;
    @Inject
    QualityEvaluation quality;
    @Inject
    IncidentGrouping incidents;
    @Inject
    AlertAnnouncer announcer;
    @Inject
    JobHealth health;

    private final AtomicLong firing = new AtomicLong();
    private PassCadence cadence;

    @Inject
    void readCadence(AlertConfig config) {
        cadence = PassCadence.of(config.evaluateEvery());
    }

    @Inject
    void registerGauge(MeterRegistry registry) {
        Gauge.builder("callready.alerts.firing", firing, AtomicLong::get)
                .description("Alerts in state firing after the last evaluation pass")
                .register(registry);
    }

    /** Each second; a run starts when {@link PassCadence} says it is due. */
    @Scheduled(every = "1s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            cadence.tick(System.nanoTime(), new PassCadence.Pass() {
                @Override
                public boolean evaluate() {
                    return AlertEvaluator.this.evaluate();
                }

                @Override
                public boolean backlogWaits() {
                    return quality.backlogWaits();
                }
            });
        } catch (RuntimeException e) {
            // Already reported to JobHealth, which logs it; the next run retries.
        }
    }

    /**
     * One pass; its outcome is reported to {@link JobHealth} as {@value JobHealth#ALERT_EVALUATION}.
     *
     * @return false when another pass held the lock
     */
    public boolean evaluate() {
        long start = System.nanoTime();
        try {
            boolean ran = QuarkusTransaction.requiringNew().call(this::pass);
            if (ran) {
                health.ran(JobHealth.ALERT_EVALUATION, Duration.ofNanos(System.nanoTime() - start));
                health.succeeded(JobHealth.ALERT_EVALUATION);
            }
            return ran;
        } catch (RuntimeException e) {
            health.failed(JobHealth.ALERT_EVALUATION, e);
            throw e;
        }
    }

    private boolean pass() {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            if (!lock(c)) {
                return false;
            }
            offline.run(c, now);
            quality.run(c, now);
            incidents.run(c, now);
            announcer.run(c, now);
            firing.set(countFiring(c));
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("alert evaluation failed", e);
        }
    }

    private static boolean lock(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            q.setLong(1, LOCK_KEY);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static long countFiring(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM alerts WHERE state = 'firing'");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
