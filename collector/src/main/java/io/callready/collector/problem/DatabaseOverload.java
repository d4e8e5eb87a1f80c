package io.callready.collector.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/** Recognises "no database connection to be had" (pool exhausted, database down): the collector's overload, not a bug. */
public final class DatabaseOverload {
    /** Seconds a client is asked to wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseOverload() {
    }

    public static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
                // Agroal reports an exhausted pool as a plain SQLException with this text.
                if ((state != null && state.startsWith("08")) || message.contains("acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }
}
