package io.callready.collector.ingest;

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
    /**
     * The whole batch in one statement from the rows {@link StagedRows} copied: claims the ids in id order (so two
     * batches that share ids lock them in the same order), inserts the rows whose id it claimed, and answers
     * which ids it claimed and which of those became rows. One plan, one round trip, no arrays.
     */
    private static final String CLAIM_AND_INSERT = """
            WITH claimed AS (
                INSERT INTO result_ids (result_id, started_at)
                SELECT result_id, started_at FROM ingest_staging ORDER BY result_id
                ON CONFLICT (result_id) DO NOTHING
                RETURNING result_id),
            stored AS (
                INSERT INTO results (result_id, started_at, customer_id, site_id, agent_id, kind, target, status, reason,
                                     duration_ms, metrics, labels, details)
                SELECT s.result_id, s.started_at, ?::uuid, ?::uuid, ?::uuid, s.kind, s.target, s.status, s.reason,
                       s.duration_ms, s.metrics, s.labels, s.details
                FROM ingest_staging s JOIN claimed c ON c.result_id = s.result_id
                ON CONFLICT (result_id, started_at) DO NOTHING
                RETURNING result_id)
            SELECT c.result_id, s.result_id IS NOT NULL FROM claimed c LEFT JOIN stored s ON s.result_id = c.result_id""";
    private static final String CLAIMED = "SELECT result_id, started_at FROM result_ids WHERE result_id = ANY (?)";
    private static final String TOUCH_AGENT = "UPDATE agents SET last_seen_at = ? WHERE id = ?";

    /** @param rejected results refused because their id is already stored (or earlier in the batch) with another startedAt */
    public record Outcome(int accepted, int duplicates, List<RejectedResult> rejected) {
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    SiteLatestWriter siteLatest;

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
        StagedRows.stage(c, distinct);
        Set<UUID> inserted = new HashSet<>();
        List<BatchValidator.Candidate> claimed = claimAndInsert(c, agent, distinct, inserted);
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
        siteLatest.record(c, agent, claimed.stream().map(BatchValidator.Candidate::result).toList());
        rejected.sort(Comparator.comparingInt(RejectedResult::index));
        // A claimed id whose row exists already (stored before result_ids knew it) is a resend too.
        return new Outcome(inserted.size(), duplicates + claimed.size() - inserted.size(), rejected);
    }

    /**
     * @param inserted gets the claimed ids that became rows
     * @return the results whose id was new and is now theirs, in batch order
     */
    private static List<BatchValidator.Candidate> claimAndInsert(Connection c, AuthenticatedAgent agent, List<BatchValidator.Candidate> staged,
                                                                 Set<UUID> inserted) throws SQLException {
        Set<UUID> mine = new HashSet<>();
        try (PreparedStatement q = c.prepareStatement(CLAIM_AND_INSERT)) {
            q.setObject(1, agent.customerId());
            q.setObject(2, agent.siteId());
            q.setObject(3, agent.agentId());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    mine.add(id);
                    if (rs.getBoolean(2)) {
                        inserted.add(id);
                    }
                }
            }
        }
        List<BatchValidator.Candidate> claimed = new ArrayList<>(mine.size());
        for (BatchValidator.Candidate r : staged) {
            if (mine.contains(r.result().id())) {
                claimed.add(r);
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

    private static RejectedResult idTaken(BatchValidator.Candidate r, String message) {
        return new RejectedResult(r.index(), r.result().id(),
                List.of(new ResultRules.Violation("results[" + r.index() + "].id", message)));
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(stored(t), ZoneOffset.UTC);
    }

    /** PostgreSQL keeps microseconds; cut here, so a resend compares equal to what was stored. */
    private static Instant stored(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    /** The agent's id as the wire spells it, for comparing with {@link ProbeResult#agentId()}. */
    static String wireId(UUID agentId) {
        return agentId.toString();
    }
}
