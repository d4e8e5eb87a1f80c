package io.callready.collector.storage;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.config.CollectorConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * TimescaleDB only: sets the retention policies of results, results_5m, results_1h and results_3h
 * (rollup-1h's, as it is made from results_1h) from {@code callready.retention.*} at every start, so a changed setting takes effect with a restart.
 */
@ApplicationScoped
public class TimescalePolicies {
    private static final Logger LOG = Logger.getLogger(TimescalePolicies.class);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    StorageMode mode;
    @Inject
    CollectorConfig config;

    void onStart(@Observes StartupEvent event) {
        if (!mode.timescale()) {
            return;
        }
        CollectorConfig.Retention retention = config.retention();
        try (Connection c = dataSource.getConnection()) {
            setRetention(c, retention);
            LOG.infof("TimescaleDB retention: results %s, results_5m %s, results_1h and results_3h %s", retention.raw(), retention.rollup5m(),
                    retention.rollup1h());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the TimescaleDB retention policies", e);
        }
    }

    /** Replaces the retention policy of each relation by the configured one (TimescaleMigrationIT runs it on PGlite). */
    static void setRetention(Connection c, CollectorConfig.Retention retention) throws SQLException {
        setRetention(c, "results", retention.raw());
        setRetention(c, "results_5m", retention.rollup5m());
        setRetention(c, "results_1h", retention.rollup1h());
        setRetention(c, "results_3h", retention.rollup1h());
    }

    private static void setRetention(Connection c, String relation, Duration keep) throws SQLException {
        try (PreparedStatement remove = c.prepareStatement("SELECT remove_retention_policy(?, if_exists => true)");
             PreparedStatement add = c.prepareStatement("SELECT add_retention_policy(?, drop_after => ?::interval)")) {
            remove.setString(1, relation);
            remove.execute();
            add.setString(1, relation);
            add.setString(2, keep.toSeconds() + " seconds");
            add.execute();
        }
    }
}
