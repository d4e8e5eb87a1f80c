package io.callready.collector.grafana;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.config.CollectorConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MSP's fleet-wide Grafana login: the read-only role {@value #ROLE}, set up at every start when
 * {@code callready.grafana.fleet-reader-password} is given (the Helm chart passes its generated Secret). It may read,
 * in schema public and unfiltered, exactly the relations and columns schema dash shows a customer's reader (V110,
 * V205 and any later dash view), so a new dash view needs no second grant list and channel URLs, secrets and token
 * hashes stay closed to it. Derived again at every start, after the migrations, so a migration that recreates a
 * relation cannot leave it without its grant. The password goes to PostgreSQL only as a SCRAM verifier.
 */
@ApplicationScoped
public class FleetReader {
    public static final String ROLE = "callready_fleet_reader";
    static final int MIN_PASSWORD_LENGTH = 16;
    private static final Logger LOG = Logger.getLogger(FleetReader.class);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    CollectorConfig config;

    void onStart(@Observes StartupEvent event) {
        if (config.grafana().fleetReaderPassword().isEmpty()) {
            LOG.info("Grafana fleet reader: callready.grafana.fleet-reader-password not set, role " + ROLE + " not managed");
            return;
        }
        String password = config.grafana().fleetReaderPassword().get();
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalStateException("callready.grafana.fleet-reader-password must be at least " + MIN_PASSWORD_LENGTH + " characters long");
        }
        try (Connection c = dataSource.getConnection()) {
            List<String> relations = ensure(c, password);
            LOG.infof("Grafana fleet reader %s: password set, may read %s", ROLE, String.join(", ", relations));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up the Grafana fleet reader role " + ROLE
                    + " (the collector's database user needs CREATEROLE)", e);
        }
    }

    /**
     * Creates the role or resets its attributes, sets its password and replaces its grants by those schema dash
     * implies, in one transaction (two replicas starting at once queue on an advisory lock). Returns the relations granted.
     */
    public static List<String> ensure(Connection c, String password) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, ROLE);
                lock.execute();
            }
            String attributes = " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 20";
            s.execute((exists(c) ? "ALTER ROLE " : "CREATE ROLE ") + ROLE + attributes);
            s.execute("ALTER ROLE " + ROLE + " SET search_path = public");
            s.execute("ALTER ROLE " + ROLE + " SET default_transaction_read_only = on");
            c.unwrap(PGConnection.class).alterUserPassword(ROLE, password.toCharArray(), "scram-sha-256");
            s.execute("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM " + ROLE);
            Map<String, String> grants = grantsFromDashViews(c);
            for (String grant : grants.values()) {
                s.execute(grant);
            }
            c.commit();
            return List.copyOf(grants.keySet());
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static boolean exists(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            q.setString(1, ROLE);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * One GRANT per dash view whose public namesake exists: on the whole relation when the view shows all its
     * columns, else on the view's columns only (matched by name: a dash view must not give a computed column the
     * name of a column it hides).
     */
    private static Map<String, String> grantsFromDashViews(Connection c) throws SQLException {
        Map<String, String> grants = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT format('%I.%I', 'public', v.relname) AS target,
                       count(va.attname) = count(b.attname) AS whole_relation,
                       string_agg(quote_ident(va.attname), ', ' ORDER BY va.attnum) AS columns
                FROM pg_class v
                JOIN pg_namespace vn ON vn.oid = v.relnamespace AND vn.nspname = 'dash'
                JOIN pg_class base ON base.relname = v.relname
                     AND base.relnamespace = 'public'::regnamespace AND base.relkind IN ('r', 'p', 'v', 'm')
                JOIN pg_attribute b ON b.attrelid = base.oid AND b.attnum > 0 AND NOT b.attisdropped
                LEFT JOIN pg_attribute va ON va.attrelid = v.oid AND va.attname = b.attname AND va.attnum > 0 AND NOT va.attisdropped
                WHERE v.relkind = 'v'
                GROUP BY v.relname
                HAVING count(va.attname) > 0
                ORDER BY v.relname""")) {
            while (rs.next()) {
                String target = rs.getString("target");
                grants.put(target, rs.getBoolean("whole_relation")
                        ? "GRANT SELECT ON " + target + " TO " + ROLE
                        : "GRANT SELECT (" + rs.getString("columns") + ") ON " + target + " TO " + ROLE);
            }
        }
        return grants;
    }
}
