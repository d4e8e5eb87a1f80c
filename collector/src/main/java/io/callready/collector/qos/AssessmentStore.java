package io.callready.collector.qos;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The latest QoS assessment of each site (table qos_assessments), written by the job and read by the API. */
@ApplicationScoped
public class AssessmentStore {
    @Inject
    AgroalDataSource dataSource;

    /** One stored assessment; {@code assessment} is the advisor's answer as JSON. */
    public record Stored(UUID siteId, UUID customerId, String verdict, String assessment, Instant computedAt, Instant resultsThrough) {
    }

    static void save(Connection c, Stored s) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO qos_assessments (site_id, customer_id, verdict, assessment, computed_at, results_through)
                VALUES (?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (site_id) DO UPDATE SET customer_id = EXCLUDED.customer_id, verdict = EXCLUDED.verdict,
                    assessment = EXCLUDED.assessment, computed_at = EXCLUDED.computed_at, results_through = EXCLUDED.results_through""")) {
            upsert.setObject(1, s.siteId());
            upsert.setObject(2, s.customerId());
            upsert.setString(3, s.verdict());
            upsert.setString(4, s.assessment());
            upsert.setObject(5, OffsetDateTime.ofInstant(s.computedAt(), ZoneOffset.UTC));
            upsert.setObject(6, OffsetDateTime.ofInstant(s.resultsThrough(), ZoneOffset.UTC));
            upsert.executeUpdate();
        }
    }

    public Optional<Stored> of(UUID siteId) {
        List<Stored> found = query("site_id = ?", siteId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** The customer's assessed sites, by site id (the API orders them by verdict). */
    public List<Stored> ofCustomer(UUID customerId) {
        return query("customer_id = ? ORDER BY site_id", customerId);
    }

    private List<Stored> query(String where, UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT site_id, customer_id, verdict, assessment::text, computed_at, results_through FROM qos_assessments WHERE " + where)) {
            q.setObject(1, id);
            List<Stored> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Stored(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getObject(6, OffsetDateTime.class).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("reading QoS assessments failed", e);
        }
    }
}
