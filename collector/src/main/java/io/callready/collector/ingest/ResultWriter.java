package io.callready.collector.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.callready.collector.auth.AuthenticatedAgent;
import io.callready.wire.result.IngestReceipt;
import io.callready.wire.result.ProbeResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Stores a validated batch in one transaction. A result already stored (same id and start time) is counted as a
 * duplicate and left alone, so an agent may resend a batch whose answer it never got.
 */
@ApplicationScoped
public class ResultWriter {
    private static final String INSERT = """
            INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason,
                                 duration_ms, metrics, labels, details)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)
            ON CONFLICT (result_id, started_at) DO NOTHING""";
    private static final String TOUCH_AGENT = "UPDATE agents SET last_seen_at = ? WHERE id = ?";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ObjectMapper mapper;

    @Transactional
    public IngestReceipt write(AuthenticatedAgent agent, List<ProbeResult> results, Instant receivedAt) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(INSERT);
             PreparedStatement touch = c.prepareStatement(TOUCH_AGENT)) {
            for (ProbeResult r : results) {
                bind(insert, agent, r);
                insert.addBatch();
            }
            int accepted = 0;
            for (int rows : insert.executeBatch()) {
                accepted += rows > 0 ? 1 : 0;
            }
            touch.setObject(1, OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC));
            touch.setObject(2, agent.agentId());
            touch.executeUpdate();
            return new IngestReceipt(accepted, results.size() - accepted);
        } catch (SQLException e) {
            throw new IllegalStateException("storing " + results.size() + " results failed", e);
        }
    }

    private void bind(PreparedStatement insert, AuthenticatedAgent agent, ProbeResult r) throws SQLException {
        insert.setObject(1, r.id());
        insert.setObject(2, OffsetDateTime.ofInstant(r.startedAt(), ZoneOffset.UTC));
        insert.setObject(3, agent.customerId());
        insert.setObject(4, agent.siteId());
        insert.setObject(5, agent.agentId());
        insert.setString(6, r.kind().wireName());
        insert.setString(7, r.target());
        insert.setString(8, r.status().wireName());
        insert.setString(9, r.reason());
        insert.setInt(10, Math.toIntExact(r.durationMs()));
        insert.setString(11, json(r.metrics()));
        insert.setString(12, json(r.labels()));
        insert.setString(13, hasDetails(r.details()) ? json(r.details()) : null);
    }

    private static boolean hasDetails(JsonNode details) {
        return details != null && !details.isNull() && !details.isMissingNode();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** The agent's id as the wire spells it, for comparing with {@link ProbeResult#agentId()}. */
    static String wireId(UUID agentId) {
        return agentId.toString();
    }
}
