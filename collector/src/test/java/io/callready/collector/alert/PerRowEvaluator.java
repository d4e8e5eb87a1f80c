package io.callready.collector.alert;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/** {@link AlertEvaluator}'s pass with the per-row quality evaluation of before issue 15: the reference. */
@ApplicationScoped
class PerRowEvaluator {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;
    @Inject
    OfflineCheck offline;
    @Inject
    PerRowQualityEvaluation quality;
    @Inject
    IncidentGrouping incidents;
    @Inject
    AlertAnnouncer announcer;

    boolean evaluate() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            try (Connection c = dataSource.getConnection()) {
                try (PreparedStatement q = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                    q.setLong(1, 0x43_52_41_4c);
                    try (ResultSet rs = q.executeQuery()) {
                        if (!rs.next() || !rs.getBoolean(1)) {
                            return false;
                        }
                    }
                }
                offline.run(c, now);
                quality.run(c, now);
                incidents.run(c, now);
                announcer.run(c, now);
                return true;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
