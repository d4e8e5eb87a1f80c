package io.callready.collector.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A PostgreSQL 16 server run by the collector itself when no database URL is configured. Its data directory
 * is kept between runs; only the loopback address listens, and the server log goes to a file next to it.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    public static final String DATABASE = "callready";
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final String jdbcUrl;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    /**
     * Starts (and on first use initialises) the server in {@code dataDir}, creating database {@value #DATABASE}.
     *
     * @param port        0 picks a free port
     * @param binariesDir where the PostgreSQL binaries are unpacked; null for the system temp directory
     */
    public static EmbeddedDatabase start(Path dataDir, int port, Path binariesDir) throws IOException, SQLException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        StalePostmaster.stopIfRunning(dir);
        File log = dir.resolveSibling(dir.getFileName() + ".log").toFile();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false)
                .setOutputRedirector(Redirect.appendTo(log))
                .setErrorRedirector(Redirect.appendTo(log));
        if (binariesDir != null) {
            Files.createDirectories(binariesDir);
            builder.setOverrideWorkingDirectory(binariesDir.toFile());
        }
        EmbeddedPostgres postgres = builder.start();
        try {
            createDatabaseIfMissing(postgres);
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return new EmbeddedDatabase(postgres, dir);
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return USER;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
