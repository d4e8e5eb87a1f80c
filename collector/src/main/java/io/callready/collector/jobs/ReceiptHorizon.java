package io.callready.collector.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The receipt time before which every result has committed, for jobs that read results by {@code received_at}
 * from a cursor (the alert evaluation, the rollups). A result's {@code received_at} is the start of the transaction
 * that stored it, so none can still commit behind the oldest transaction of the collectors' database user that is
 * open now; the horizon is that start (or now), less a margin for a transaction that has just begun and is not yet
 * seen open. A transaction open longer than {@link #IN_FLIGHT_LIMIT} is not a collector's ingest (the transaction
 * manager aborts those after 60 s) and does not hold the horizon back. Nor does a session whose state is idle: it has
 * no transaction open, yet the full collector suite showed pooled connections idle for 42 s with a {@code xact_start}
 * still set (three at once; the cause is not found), which held the rollups' horizon back until the test failed.
 */
public final class ReceiptHorizon {
    public static final Duration IN_FLIGHT_LIMIT = Duration.ofMinutes(2);
    private static final String HORIZON = """
            SELECT least(now(), min(xact_start)) - ?::interval, clock_timestamp() FROM pg_stat_activity
            WHERE datname = current_database() AND usename = current_user AND pid <> pg_backend_pid()
              AND xact_start > now() - ?::interval AND state IS DISTINCT FROM 'idle'""";

    /** @param at the database's clock when the horizon was read */
    public record Reading(Instant horizon, Instant at) {
    }

    private ReceiptHorizon() {
    }

    /** Read in the caller's transaction, before the statements that read results up to it. */
    public static Reading read(Connection c, Duration margin) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(HORIZON)) {
            q.setString(1, margin.toMillis() + " milliseconds");
            q.setString(2, IN_FLIGHT_LIMIT.toSeconds() + " seconds");
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return new Reading(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getObject(2, OffsetDateTime.class).toInstant());
            }
        }
    }
}
