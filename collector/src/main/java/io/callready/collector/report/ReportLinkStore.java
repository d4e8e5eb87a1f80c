package io.callready.collector.report;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** Table report_links: share links by the SHA-256 of their token. */
@ApplicationScoped
public class ReportLinkStore {
    @Inject
    AgroalDataSource dataSource;

    /** One link; {@code revokedAt} null while it is live. */
    public record Link(UUID id, UUID siteId, UUID customerId, Duration window, Instant createdAt, Instant expiresAt, Instant revokedAt) {
    }

    void insert(Link l, byte[] tokenSha256) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("""
                INSERT INTO report_links (id, site_id, customer_id, token_sha256, window_seconds, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            q.setObject(1, l.id());
            q.setObject(2, l.siteId());
            q.setObject(3, l.customerId());
            q.setBytes(4, tokenSha256);
            q.setInt(5, Math.toIntExact(l.window().toSeconds()));
            q.setObject(6, utc(l.createdAt()));
            q.setObject(7, utc(l.expiresAt()));
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("storing a report link failed", e);
        }
    }

    /** @return false when the site has no such link */
    boolean revoke(UUID siteId, UUID reportId, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("""
                UPDATE report_links SET revoked_at = coalesce(revoked_at, ?) WHERE id = ? AND site_id = ?""")) {
            q.setObject(1, utc(now));
            q.setObject(2, reportId);
            q.setObject(3, siteId);
            return q.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("revoking a report link failed", e);
        }
    }

    /** By hash: the secret is never compared in Java, the unique index finds the row. */
    Optional<Link> byTokenHash(byte[] tokenSha256) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("""
                SELECT id, site_id, customer_id, window_seconds, created_at, expires_at, revoked_at
                  FROM report_links WHERE token_sha256 = ?""")) {
            q.setBytes(1, tokenSha256);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                OffsetDateTime revoked = rs.getObject(7, OffsetDateTime.class);
                return Optional.of(new Link(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        Duration.ofSeconds(rs.getInt(4)), rs.getObject(5, OffsetDateTime.class).toInstant(),
                        rs.getObject(6, OffsetDateTime.class).toInstant(), revoked == null ? null : revoked.toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading a report link failed", e);
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
