package io.callready.collector.db;

import io.callready.collector.support.ThrowAwayPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The no-URL path of CollectorMain: PostgreSQL 16 started by the collector, data kept between runs. */
class EmbeddedDatabaseIT {
    @TempDir
    Path dataDir;

    private static Connection connect(EmbeddedDatabase db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), "");
    }

    @Test
    void startsPostgres16WithTheCallreadyDatabaseOnLoopbackAndKeepsDataAcrossRestarts() throws Exception {
        Path pgData = dataDir.resolve("postgres");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(pgData, 0, null)) {
            assertThat(db.jdbcUrl()).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/callready");
            assertThat(db.dataDir()).isEqualTo(pgData.toAbsolutePath());
            try (Connection c = connect(db); Statement s = c.createStatement()) {
                ResultSet version = s.executeQuery("SHOW server_version");
                version.next();
                assertThat(version.getString(1)).startsWith("16.");
                ResultSet listen = s.executeQuery("SHOW listen_addresses");
                listen.next();
                assertThat(listen.getString(1)).isEqualTo("127.0.0.1");
                s.execute("CREATE TABLE survivor (note text)");
                s.execute("INSERT INTO survivor VALUES ('still here')");
            }
        }
        assertThat(pgData.resolve("postmaster.pid")).doesNotExist();
        assertThat(dataDir.resolve("postgres.log")).exists();

        try (EmbeddedDatabase again = EmbeddedDatabase.start(pgData, 0, null);
             Connection c = connect(again);
             ResultSet rs = c.createStatement().executeQuery("SELECT note FROM survivor")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void theDefaultServerIsDurable() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("postgres"), 0, null); Connection c = connect(db)) {
            assertThat(show(c, "fsync")).isEqualTo("on");
            assertThat(show(c, "synchronous_commit")).isEqualTo("on");
            assertThat(show(c, "full_page_writes")).isEqualTo("on");
            assertThat(db.durabilitySettings()).isEqualTo(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"));
        }
    }

    @Test
    void aDataDirectoryLastRunWithoutFsyncRestartsDurable() throws Exception {
        Path pgData = dataDir.resolve("postgres");
        try (ThrowAwayPostgres unsafe = ThrowAwayPostgres.start(pgData);
             Connection c = DriverManager.getConnection(unsafe.jdbcUrl(), unsafe.username(), "")) {
            assertThat(show(c, "fsync")).isEqualTo("off");
            assertThat(show(c, "synchronous_commit")).isEqualTo("off");
            assertThat(show(c, "full_page_writes")).isEqualTo("off");
            c.createStatement().execute("CREATE TABLE written_unsafely (n int)");
        }
        try (EmbeddedDatabase durable = EmbeddedDatabase.start(pgData, 0, null); Connection c = connect(durable)) {
            assertThat(show(c, "fsync")).isEqualTo("on");
            assertThat(show(c, "synchronous_commit")).isEqualTo("on");
            assertThat(show(c, "full_page_writes")).isEqualTo("on");
            assertThat(c.createStatement().executeQuery("SELECT count(*) FROM written_unsafely").next()).isTrue();
        }
    }

    @Test
    void theDataDirectorySyncFlushesEveryFileAndDirectory() throws Exception {
        Path tree = dataDir.resolve("tree");
        Files.createDirectories(tree.resolve("base/1"));
        Files.writeString(tree.resolve("base/1/16384"), "page");
        Files.writeString(tree.resolve("PG_VERSION"), "16");
        assertThat(DataDirectorySync.sync(tree)).isEqualTo(5);
    }

    @Test
    void usesTheConfiguredPortAndStopsListeningWhenClosed() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("postgres"), port, null);
        try {
            assertThat(db.port()).isEqualTo(port);
            assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/callready");
        } finally {
            db.close();
        }
        assertThatThrownBy(() -> connect(db).close()).isInstanceOf(SQLException.class);
    }
}
