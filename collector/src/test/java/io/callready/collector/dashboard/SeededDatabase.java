package io.callready.collector.dashboard;

import io.callready.collector.db.EmbeddedDatabase;
import io.callready.collector.support.ThrowAwayPostgres;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL migrated by the collector's Flyway scripts, for dashboard and access tests (a throw-away server) and
 * for the dashboard benchmark (the collector's own durable embedded server, so its figures are production's).
 */
final class SeededDatabase implements AutoCloseable {
    /** A query's column labels and its rows, numbers as Double and timestamps as Instant. */
    record Table(List<String> columns, List<List<Object>> rows) {
    }

    private final Path dir;
    private final String jdbcUrl;
    private final String username;
    private final AutoCloseable server;

    private SeededDatabase(Path dir, String jdbcUrl, String username, AutoCloseable server) {
        this.dir = dir;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.server = server;
    }

    /** A throw-away server for tests. */
    static SeededDatabase start() throws IOException, SQLException {
        Path dir = Files.createTempDirectory("callready-dash-pg");
        ThrowAwayPostgres pg = ThrowAwayPostgres.start(dir.resolve("postgres"));
        return migrated(new SeededDatabase(dir, pg.jdbcUrl(), pg.username(), pg));
    }

    /** The collector's embedded server with its production settings (fsync, synchronous_commit on). */
    static SeededDatabase startDurable() throws IOException, SQLException {
        Path dir = Files.createTempDirectory("callready-dash-pg");
        EmbeddedDatabase pg = EmbeddedDatabase.start(dir.resolve("postgres"), 0, null);
        return migrated(new SeededDatabase(dir, pg.jdbcUrl(), pg.username(), pg));
    }

    private static SeededDatabase migrated(SeededDatabase db) {
        Flyway.configure().dataSource(db.jdbcUrl, db.username, null).locations("classpath:db/migration").load().migrate();
        return db;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String username() {
        return username;
    }

    Connection owner() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl, username, null);
        c.createStatement().execute("SET TIME ZONE 'UTC'");
        return c;
    }

    static Table query(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnLabel(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.add(cell(rs, md, i));
                }
                rows.add(row);
            }
            return new Table(columns, rows);
        }
    }

    private static Object cell(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
        Object v = rs.getObject(i);
        if (v == null) {
            return null;
        }
        if (md.getColumnType(i) == Types.TIMESTAMP || md.getColumnType(i) == Types.TIMESTAMP_WITH_TIMEZONE) {
            return rs.getObject(i, OffsetDateTime.class).toInstant();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        return v.toString();
    }

    @Override
    public void close() throws Exception {
        server.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
