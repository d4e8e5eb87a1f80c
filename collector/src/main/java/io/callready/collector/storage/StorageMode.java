package io.callready.collector.storage;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Whether the database has TimescaleDB (hypertable, continuous aggregates, policies) or is plain PostgreSQL. */
@ApplicationScoped
public class StorageMode {
    @Inject
    AgroalDataSource dataSource;

    private volatile Boolean timescale;

    public boolean timescale() {
        Boolean known = timescale;
        if (known == null) {
            try (Connection c = dataSource.getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')")) {
                rs.next();
                known = rs.getBoolean(1);
                timescale = known;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot tell whether TimescaleDB is installed", e);
            }
        }
        return known;
    }
}
