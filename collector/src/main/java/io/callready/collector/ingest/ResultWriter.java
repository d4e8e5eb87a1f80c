package io.callready.collector.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.callready.collector.auth.AuthenticatedAgent;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.RejectedResult;
import io.callready.wire.result.ResultRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Stores the valid results of a batch in one transaction. Each id is claimed in {@code result_ids} first: a
 * result already stored with the same id and start time is a duplicate and left alone (an agent may resend a
 * batch whose answer it never got); the same id with another start time is refused, within a batch as across
 * batches, so one id never names two rows.
 */
@ApplicationScoped
public class ResultWriter {
    private static final String CLAIM = "INSERT INTO result_ids (result_id, started_at) VALUES (?, ?) ON CONFLICT (result_id) DO NOTHING";
    private static final String CLAIMED = "SELECT result_id, started_at FROM result_ids WHERE result_id = ANY (?)";
    private static final String INSERT = """
            INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason,
                                 duration_ms, metrics, labels, details)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)
            ON CONFLICT (result_id, started_at) DO NOTHING""";
    private static final String TOUCH_AGENT = "UPDATE agents SET last_seen_at = ? WHERE id = ?";

    /** @param rejected results refused because their id is already stored (or earlier in the batch) with another startedAt */
    public record Outcome(int accepted, int duplicates, List<RejectedResult> rejected) {
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ObjectMapper mapper;

    @Transactional
    public Outcome write(AuthenticatedAgent agent, List<BatchValidator.Candidate> results, Instant receivedAt) {
        try (Connection c = dataSource.getConnection()) {
            Outcome outcome = store(c, agent, results);
            try (PreparedStatement touch = c.prepareStatement(TOUCH_AGENT)) {
                touch.setObject(1, utc(receivedAt));
                touch.setObject(2, agent.agentId());
                touch.executeUpdate();
            }
            return outcome;
        } catch (SQLException e) {
            throw new IllegalStateException("storing " + results.size() + " results failed", e);
        }
    }

    private Outcome store(Connection c, AuthenticatedAgent agent, List<BatchValidator.Candidate> results) throws SQLException {
        List<RejectedResult> rejected = new ArrayList<>();
        int duplicates = 0;
        Map<UUID, BatchValidator.Candidate> firstOfId = new HashMap<>();
        List<BatchValidator.Candidate> distinct = new ArrayList<>();
        for (BatchValidator.Candidate r : results) {
            BatchValidator.Candidate first = firstOfId.putIfAbsent(r.result().id(), r);
            if (first == null) {
                distinct.add(r);
            } else if (stored(first.result().startedAt()).equals(stored(r.result().startedAt()))) {
                duplicates++;
            } else {
                rejected.add(idTaken(r, "appears earlier in this batch (results[" + first.index() + "]) with startedAt "
                        + first.result().startedAt()));
            }
        }
        // Claimed in id order, so two batches that share ids lock them in the same order and never deadlock.
        distinct.sort(Comparator.comparing(r -> r.result().id()));
        List<BatchValidator.Candidate> claimed = claim(c, distinct);
        Map<UUID, Instant> stored = claimedElsewhere(c, distinct, claimed);
        for (BatchValidator.Candidate r : distinct) {
            Instant other = stored.get(r.result().id());
            if (other == null) {
                continue;
            }
            if (other.equals(stored(r.result().startedAt()))) {
                duplicates++;
            } else {
                rejected.add(idTaken(r, "is already stored with startedAt " + other + "; a result id names one result"));
            }
        }
        insert(c, agent, claimed);
        rejected.sort(Comparator.comparingInt(RejectedResult::index));
        return new Outcome(claimed.size(), duplicates, rejected);
    }

    /** @return the results whose id was new and is now theirs */
    private static List<BatchValidator.Candidate> claim(Connection c, List<BatchValidator.Candidate> results) throws SQLException {
        List<BatchValidator.Candidate> claimed = new ArrayList<>();
        try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
            for (BatchValidator.Candidate r : results) {
                claim.setObject(1, r.result().id());
                claim.setObject(2, utc(r.result().startedAt()));
                claim.addBatch();
            }
            int[] rows = claim.executeBatch();
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] > 0) {
                    claimed.add(results.get(i));
                }
            }
        }
        return claimed;
    }

    /** The start time each id not claimed now was stored with before (by an earlier batch or a concurrent one). */
    private static Map<UUID, Instant> claimedElsewhere(Connection c, List<BatchValidator.Candidate> all,
                                                       List<BatchValidator.Candidate> claimed) throws SQLException {
        Set<UUID> mine = new HashSet<>();
        claimed.forEach(r -> mine.add(r.result().id()));
        List<UUID> others = new ArrayList<>();
        for (BatchValidator.Candidate r : all) {
            if (!mine.contains(r.result().id())) {
                others.add(r.result().id());
            }
        }
        Map<UUID, Instant> stored = new HashMap<>();
        if (others.isEmpty()) {
            return stored;
        }
        try (PreparedStatement q = c.prepareStatement(CLAIMED)) {
            Array ids = c.createArrayOf("uuid", others.toArray());
            q.setArray(1, ids);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant());
                }
            }
        }
        return stored;
    }

    private void insert(Connection c, AuthenticatedAgent agent, List<BatchValidator.Candidate> results) throws SQLException {
        if (results.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (BatchValidator.Candidate r : results) {
                bind(insert, agent, r.result());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static RejectedResult idTaken(BatchValidator.Candidate r, String message) {
        return new RejectedResult(r.index(), r.result().id(),
                List.of(new ResultRules.Violation("results[" + r.index() + "].id", message)));
    }

    private void bind(PreparedStatement insert, AuthenticatedAgent agent, ProbeResult r) throws SQLException {
        insert.setObject(1, r.id());
        insert.setObject(2, utc(r.startedAt()));
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

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(stored(t), ZoneOffset.UTC);
    }

    /** PostgreSQL keeps microseconds; cut here, so a resend compares equal to what was stored. */
    private static Instant stored(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
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
