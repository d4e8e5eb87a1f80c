package io.callready.collector.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One site's or row's share of a job, run so that its failure cannot stop the others. Inside a transaction the
 * share runs under a savepoint (as SQL: the pool refuses {@code Connection.rollback(Savepoint)} while enlisted),
 * so a SQL error, which would abort the whole transaction, only undoes that share.
 * Only problems of the data are isolated: a Java exception, or a SQL data or constraint error (SQLSTATE classes
 * 22 and 23). Anything else (a missing table, a lost connection, a privilege) is the job's own failure and
 * propagates, so {@link JobHealth} sees it.
 */
public final class RowIsolation {
    private static final String SAVEPOINT = "callready_isolated_share";

    /** Work on one site or row. */
    public interface Share {
        void run() throws SQLException;
    }

    private RowIsolation() {
    }

    /** @return false when the share was skipped (already logged and counted) */
    public static boolean underSavepoint(Connection c, JobHealth health, String job, String ids, Share share) throws SQLException {
        Exception problem = undoneOnRowProblem(c, share);
        if (problem != null) {
            health.isolated(job, ids, problem);
        }
        return problem == null;
    }

    /**
     * Set-based work that a row problem may fail as a whole, to be redone share by share: runs it under a savepoint
     * and, on a row problem, undoes it without reporting anything.
     *
     * @return false when it failed on a row problem (and was undone)
     */
    public static boolean attempt(Connection c, Share work) throws SQLException {
        return undoneOnRowProblem(c, work) == null;
    }

    /** Runs the share under a savepoint; a row problem rolls back to it and is returned, anything else propagates. */
    private static Exception undoneOnRowProblem(Connection c, Share share) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SAVEPOINT " + SAVEPOINT);
        }
        try {
            share.run();
        } catch (SQLException | RuntimeException e) {
            if (!isRowProblem(e)) {
                throw e;
            }
            try (Statement s = c.createStatement()) {
                s.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT);
            }
            return e;
        }
        try (Statement s = c.createStatement()) {
            s.execute("RELEASE SAVEPOINT " + SAVEPOINT);
        }
        return null;
    }

    /** Without a transaction: each statement stands alone, so only the Java side needs catching. */
    public static boolean alone(JobHealth health, String job, String ids, Share share) throws SQLException {
        try {
            share.run();
            return true;
        } catch (SQLException | RuntimeException e) {
            if (!isRowProblem(e)) {
                throw e;
            }
            health.isolated(job, ids, e);
            return false;
        }
    }

    /** A problem one row's values caused, as opposed to the database or the job being broken. */
    public static boolean isRowProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                return state != null && (state.startsWith("22") || state.startsWith("23"));
            }
        }
        return e instanceof RuntimeException;
    }
}
