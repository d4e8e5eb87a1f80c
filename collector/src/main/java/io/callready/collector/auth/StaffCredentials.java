package io.callready.collector.auth;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Resolves a staff bearer token: the bootstrap admin token, or a stored, unrevoked staff token. Looked up in the
 * database on every request (no cache), so a revocation takes effect at the next request.
 */
@ApplicationScoped
public class StaffCredentials {
    private static final String FIND = """
            SELECT id, name, role, customer_id, revoked_at IS NOT NULL AS revoked
            FROM staff_tokens WHERE token_hash = ?""";

    @Inject
    AdminToken adminToken;
    @Inject
    AgroalDataSource dataSource;

    /** Why a token was refused, worded for the 401 answer. */
    public sealed interface Outcome {
    }

    public record Accepted(Caller.Identity identity) implements Outcome {
    }

    public record Refused(String reason) implements Outcome {
    }

    public Outcome authenticate(String token) {
        if (adminToken.matches(token)) {
            return new Accepted(Caller.Identity.bootstrapAdmin());
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement find = c.prepareStatement(FIND)) {
            find.setString(1, Tokens.sha256Hex(token));
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) {
                    return new Refused("Unknown staff token");
                }
                if (rs.getBoolean("revoked")) {
                    return new Refused("This staff token has been revoked");
                }
                return new Accepted(new Caller.Identity(Optional.of(rs.getObject("id", UUID.class)), rs.getString("name"),
                        Role.fromWire(rs.getString("role")), Optional.ofNullable(rs.getObject("customer_id", UUID.class))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("staff token lookup failed", e);
        }
    }
}
