package io.callready.collector;

import io.callready.collector.db.BootSettings;
import io.callready.collector.db.EmbeddedDatabase;
import io.callready.collector.db.EmbeddedDatabaseHolder;
import io.callready.collector.db.JdbcUrls;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.jboss.logging.Logger;

/**
 * Starts the collector. Without a configured database URL it first starts an embedded PostgreSQL whose data
 * lives under the data directory, so a single {@code java -jar} is a working collector.
 */
@QuarkusMain
public final class CollectorMain {
    private static final Logger LOG = Logger.getLogger(CollectorMain.class);

    private CollectorMain() {
    }

    public static void main(String... args) {
        BootSettings settings;
        try {
            settings = BootSettings.read(System.getProperties(), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("CallReady collector: " + e.getMessage());
            System.exit(2);
            return;
        }
        // Quarkus reads the same key; an absolute path keeps the admin token next to the database.
        System.setProperty(BootSettings.DATA_DIR_KEY, settings.dataDir().toString());
        if (settings.jdbcUrl().isPresent()) {
            LOG.infof("Using PostgreSQL at %s (from %s)", JdbcUrls.redact(settings.jdbcUrl().get()), BootSettings.JDBC_URL_KEY);
        } else if (!startEmbeddedDatabase(settings)) {
            System.exit(1);
            return;
        }
        // Also stops the database when Quarkus exits by itself, e.g. after a failed boot (no ShutdownEvent then).
        // With its own exit handler Quarkus leaves reporting the failure to the caller.
        Quarkus.run(null, (exitCode, cause) -> {
            if (cause != null) {
                LOG.errorf(cause, "CallReady collector failed to start: %s", rootCause(cause).getMessage());
            }
            EmbeddedDatabaseHolder.stop();
            System.exit(exitCode);
        }, args);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static boolean startEmbeddedDatabase(BootSettings settings) {
        try {
            EmbeddedDatabase db = EmbeddedDatabase.start(
                    settings.dataDir().resolve("postgres"), settings.embeddedDbPort(), settings.dataDir().resolve("pg-dist"));
            EmbeddedDatabaseHolder.set(db);
            System.setProperty(BootSettings.JDBC_URL_KEY, db.jdbcUrl());
            System.setProperty("quarkus.datasource.username", db.username());
            LOG.infof("Embedded PostgreSQL 16 at %s, data in %s, durable %s", db.jdbcUrl(), db.dataDir(), db.durabilitySettings());
            return true;
        } catch (Exception e) {
            // Quarkus logging is not up yet and would swallow this; the operator must see why nothing started.
            System.err.println("CallReady collector: cannot start embedded PostgreSQL in "
                    + settings.dataDir().resolve("postgres") + " (log: " + settings.dataDir().resolve("postgres.log") + "): " + e);
            return false;
        }
    }
}
