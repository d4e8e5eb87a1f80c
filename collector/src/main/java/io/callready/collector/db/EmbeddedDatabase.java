package io.callready.collector.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PostgreSQL 16 server run by the collector itself when no database URL is configured. Its data directory
 * is kept between runs; only the loopback address listens, and the server log goes to a file next to it.
 *
 * <p>Always durable: zonky's own start-up flags skip flushing writes to disk and acknowledge commits before they
 * are flushed, which loses acknowledged results on a power cut; the {@link #DURABILITY_SETTINGS} given here, each
 * set on, come after zonky's flags on the command line and win. zonky's initdb runs without {@code --no-sync}, so a
 * new cluster is on disk before the server starts; an existing data directory is flushed first, since its last run
 * may not have flushed. The effective settings are read back from the running server and logged, and a server that
 * is not what was asked for is stopped.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    public static final String DATABASE = "callready";
    public static final String USER = "postgres";
    /** The settings that decide whether a committed transaction survives a power cut; each must read on. */
    static final String[] DURABILITY_SETTINGS = {"fsync", "synchronous_commit", "full_page_writes"};
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final String jdbcUrl;
    private final Map<String, String> durabilitySettings;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir, Map<String, String> durabilitySettings) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
        this.durabilitySettings = durabilitySettings;
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
        if (Files.exists(dir.resolve("PG_VERSION"))) {
            LOG.debugf("Flushed %d files and directories of %s to disk", DataDirectorySync.sync(dir), dir);
        }
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
        for (String setting : DURABILITY_SETTINGS) {
            builder.setServerConfig(setting, "on");
        }
        if (binariesDir != null) {
            Files.createDirectories(binariesDir);
            builder.setOverrideWorkingDirectory(binariesDir.toFile());
        }
        EmbeddedPostgres postgres = builder.start();
        Map<String, String> effective;
        try {
            createDatabaseIfMissing(postgres);
            effective = checkDurability(postgres);
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return new EmbeddedDatabase(postgres, dir, effective);
    }

    /** Reads the durability settings back from the server; each must be on. */
    private static Map<String, String> checkDurability(EmbeddedPostgres postgres) throws SQLException {
        Map<String, String> effective = new LinkedHashMap<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String setting : DURABILITY_SETTINGS) {
                try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                    rs.next();
                    effective.put(setting, rs.getString(1));
                }
            }
        }
        for (Map.Entry<String, String> e : effective.entrySet()) {
            if (!"on".equals(e.getValue())) {
                throw new IllegalStateException("embedded PostgreSQL runs with " + e.getKey() + "=" + e.getValue()
                        + " where a durable server needs on (effective: " + effective + ")");
            }
        }
        return Collections.unmodifiableMap(effective);
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

    /** fsync, synchronous_commit and full_page_writes as the running server reported them at start. */
    public Map<String, String> durabilitySettings() {
        return durabilitySettings;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
