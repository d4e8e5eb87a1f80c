package io.callready.collector.result;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** The read API's own statements for results, bound as its resources bind them, for the dashboard benchmark. */
public final class ResultReadSql {
    /** {@code GET /api/v1/sites/{id}/results/latest}. */
    public static PreparedStatement latest(Connection c, UUID siteId) throws SQLException {
        PreparedStatement p = c.prepareStatement(ResultReader.LATEST);
        p.setObject(1, siteId);
        p.setObject(2, siteId);
        return p;
    }

    /** {@code GET /api/v1/sites/{id}/results?from=&to=} with the default limit and no kind. */
    public static PreparedStatement window(Connection c, UUID siteId, Instant from, Instant to) throws SQLException {
        PreparedStatement p = c.prepareStatement(ResultReader.WINDOW);
        p.setObject(1, siteId);
        p.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        p.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        p.setString(4, null);
        p.setString(5, null);
        p.setInt(6, ResultQueryParams.DEFAULT_LIMIT);
        return p;
    }

    private ResultReadSql() {
    }
}
