package io.callready.collector.qos;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** {@code GET /api/v1/sites/{id}/traffic?from=&to=}'s statement, on the table its range picks, for the dashboard benchmark. */
public final class TrafficReadSql {
    public static PreparedStatement traffic(Connection c, UUID siteId, Instant from, Instant to) throws SQLException {
        TrafficQuery q = TrafficQuery.parse(from.toString(), to.toString(), to);
        PreparedStatement p = c.prepareStatement(q.resolution() == TrafficQuery.Resolution.RAW ? TrafficReader.RAW
                : TrafficReader.ROLLUP.formatted(q.resolution().table));
        p.setObject(1, siteId);
        p.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        p.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        p.setInt(4, TrafficReader.MAX_ROWS + 1);
        return p;
    }

    private TrafficReadSql() {
    }
}
