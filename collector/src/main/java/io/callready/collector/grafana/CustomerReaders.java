package io.callready.collector.grafana;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.tenant.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.postgresql.PGConnection;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/**
 * Creates, rotates and drops the read-only PostgreSQL role of one customer (migrations V110/V205 give it the
 * customer-filtered views of schema dash and nothing else). The password is random, sent to PostgreSQL only as a
 * SCRAM verifier computed here (never in clear SQL text, so never in a server log), and not stored. Rotation ends the
 * role's open sessions, so the old password stops working at once. The collector's database user needs CREATEROLE.
 */
@ApplicationScoped
public class CustomerReaders {
    static final String GROUP = "callready_customer_readers";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AgroalDataSource dataSource;
    @Inject
    TenantService tenants;

    static String roleName(UUID customerId) {
        return "callready_reader_" + customerId.toString().replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** Creates the role when missing, else gives it a new password; scope checked by the caller's token. */
    public ReaderCredentials createOrRotate(UUID customerId) throws SQLException {
        tenants.writableCustomer(customerId);
        String role = roleName(customerId);
        String password = newPassword();
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                lock(c, role);
                if (!exists(c, role)) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION CONNECTION LIMIT 20 IN ROLE " + GROUP);
                        s.execute("ALTER ROLE " + role + " SET search_path = dash");
                        s.execute("ALTER ROLE " + role + " SET default_transaction_read_only = on");
                    }
                }
                c.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
                OffsetDateTime rotatedAt;
                try (PreparedStatement upsert = c.prepareStatement("""
                        INSERT INTO customer_readers (role_name, customer_id) VALUES (?, ?)
                        ON CONFLICT (role_name) DO UPDATE SET rotated_at = now()
                        RETURNING rotated_at""")) {
                    upsert.setString(1, role);
                    upsert.setObject(2, customerId);
                    try (ResultSet rs = upsert.executeQuery()) {
                        rs.next();
                        rotatedAt = rs.getObject(1, OffsetDateTime.class);
                    }
                }
                c.commit();
                endSessions(c, role);
                return new ReaderCredentials(customerId, role, password, "dash", rotatedAt.toInstant());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    /** Drops the role and ends its sessions; true when there was one. */
    public boolean drop(UUID customerId) throws SQLException {
        tenants.writableCustomer(customerId);
        String role = roleName(customerId);
        try (Connection c = dataSource.getConnection()) {
            if (!exists(c, role)) {
                return false;
            }
            try (Statement s = c.createStatement()) {
                s.execute("ALTER ROLE " + role + " NOLOGIN");
            }
            endSessions(c, role);
            try (Statement s = c.createStatement()) {
                s.execute("DROP ROLE IF EXISTS " + role);
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM customer_readers WHERE role_name = ?")) {
                delete.setString(1, role);
                delete.executeUpdate();
            }
            return true;
        }
    }

    private static void lock(Connection c, String role) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            q.setString(1, role);
            q.execute();
        }
    }

    private static boolean exists(Connection c, String role) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            q.setString(1, role);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void endSessions(Connection c, String role) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?")) {
            q.setString(1, role);
            q.execute();
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

}
