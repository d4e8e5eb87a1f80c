package io.callready.collector.alert;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Customer and site names for messages; an id stands in when the row is gone. */
@ApplicationScoped
public class TenantNames {
    public String customer(Connection c, UUID id) throws SQLException {
        return name(c, "SELECT name FROM customers WHERE id = ?", id);
    }

    public String site(Connection c, UUID id) throws SQLException {
        return name(c, "SELECT name FROM sites WHERE id = ?", id);
    }

    private static String name(Connection c, String sql, UUID id) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : id.toString();
            }
        }
    }
}
