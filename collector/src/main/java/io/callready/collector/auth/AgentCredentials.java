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

/** Finds the agent a bearer token belongs to, by the token's SHA-256. */
@ApplicationScoped
public class AgentCredentials {
    private static final String FIND = """
            SELECT a.id, a.site_id, s.customer_id, a.revoked_at IS NOT NULL AS revoked
            FROM agents a JOIN sites s ON s.id = a.site_id
            WHERE a.token_hash = ?""";

    @Inject
    AgroalDataSource dataSource;

    public record Lookup(AuthenticatedAgent agent, boolean revoked) {
    }

    public Optional<Lookup> findByToken(String token) {
        try (Connection c = dataSource.getConnection(); PreparedStatement find = c.prepareStatement(FIND)) {
            find.setString(1, Tokens.sha256Hex(token));
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                var agent = new AuthenticatedAgent(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class));
                return Optional.of(new Lookup(agent, rs.getBoolean(4)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("agent token lookup failed", e);
        }
    }
}
