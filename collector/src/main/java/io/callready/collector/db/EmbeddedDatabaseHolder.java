package io.callready.collector.db;

import org.jboss.logging.Logger;

/** Carries the embedded database from {@code main} (before Quarkus) to the shutdown of the Quarkus app. */
public final class EmbeddedDatabaseHolder {
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabaseHolder.class);
    private static EmbeddedDatabase current;

    private EmbeddedDatabaseHolder() {
    }

    public static synchronized void set(EmbeddedDatabase db) {
        current = db;
    }

    /** Stops the embedded database if one runs; safe to call more than once. */
    public static synchronized void stop() {
        if (current == null) {
            return;
        }
        EmbeddedDatabase db = current;
        current = null;
        try {
            db.close();
            LOG.infof("Embedded PostgreSQL stopped (data in %s)", db.dataDir());
        } catch (Exception e) {
            LOG.errorf(e, "Could not stop embedded PostgreSQL in %s", db.dataDir());
        }
    }
}
