package io.callready.collector.support;

import io.callready.collector.db.EmbeddedDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Tests only: a PostgreSQL 16 whose data is thrown away afterwards, so it runs without fsync, synchronous_commit
 * and full_page_writes for speed. The collector itself has no such switch: its embedded server is always durable
 * ({@code EmbeddedDatabaseIT}).
 */
public final class ThrowAwayPostgres implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private ThrowAwayPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static ThrowAwayPostgres start(Path dataDir) throws IOException, SQLException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(Redirect.DISCARD)
                .setErrorRedirector(Redirect.DISCARD);
        for (String setting : new String[]{"fsync", "synchronous_commit", "full_page_writes"}) {
            builder.setServerConfig(setting, "off");
        }
        EmbeddedPostgres postgres = builder.start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            var exists = c.createStatement().executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + EmbeddedDatabase.DATABASE + "'");
            if (!exists.next()) {
                c.createStatement().execute("CREATE DATABASE " + EmbeddedDatabase.DATABASE);
            }
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return new ThrowAwayPostgres(postgres);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + EmbeddedDatabase.DATABASE;
    }

    public String username() {
        return EmbeddedDatabase.USER;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
