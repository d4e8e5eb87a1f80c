package io.callready.collector.ingest;

import io.callready.collector.auth.AuthenticatedAgent;
import io.callready.wire.result.ProbeResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps {@code site_latest} (V215), the newest result per site, kind and target, in the ingest transaction: one
 * statement per batch. A row only moves forward: an older result arriving late (an agent's outbox draining) leaves a
 * newer row alone. Ties on the start time go to the larger result id, as in the migration's refill.
 */
@ApplicationScoped
public class SiteLatestWriter {
    private static final List<String> METRICS = List.of("mos", "jitter_up_ms", "jitter_down_ms", "loss_up_ratio", "loss_down_ratio", "rtt_ms");
    /** Ordered by key, so two batches of one site lock its rows in the same order. */
    private static final String UPSERT = """
            INSERT INTO site_latest AS l (site_id, kind, target, customer_id, result_id, started_at, status,
                                          mos, jitter_up_ms, jitter_down_ms, loss_up_ratio, loss_down_ratio, rtt_ms)
            SELECT DISTINCT ON (n.kind, n.target) ?::uuid, n.kind, n.target, ?::uuid, n.id, n.started_at::timestamptz, n.status,
                   n.mos, n.jitter_up_ms, n.jitter_down_ms, n.loss_up_ratio, n.loss_down_ratio, n.rtt_ms
            FROM unnest(?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[],
                        ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[])
                 AS n(kind, target, id, started_at, status, mos, jitter_up_ms, jitter_down_ms, loss_up_ratio, loss_down_ratio, rtt_ms)
            ORDER BY n.kind, n.target, n.started_at::timestamptz DESC, n.id DESC
            ON CONFLICT (site_id, kind, target) DO UPDATE
               SET customer_id = excluded.customer_id, result_id = excluded.result_id, started_at = excluded.started_at,
                   status = excluded.status, mos = excluded.mos, jitter_up_ms = excluded.jitter_up_ms,
                   jitter_down_ms = excluded.jitter_down_ms, loss_up_ratio = excluded.loss_up_ratio,
                   loss_down_ratio = excluded.loss_down_ratio, rtt_ms = excluded.rtt_ms
             WHERE (l.started_at, l.result_id) < (excluded.started_at, excluded.result_id)""";

    private record Key(String kind, String target) {
    }

    /** @param stored the results of the batch that are now rows of {@code results} (the agent's site) */
    public void record(Connection c, AuthenticatedAgent agent, List<ProbeResult> stored) throws SQLException {
        List<ProbeResult> newest = newestPerKey(stored);
        if (newest.isEmpty()) {
            return;
        }
        int n = newest.size();
        String[][] text = new String[4][n];
        UUID[] ids = new UUID[n];
        Double[][] metrics = new Double[METRICS.size()][n];
        for (int i = 0; i < n; i++) {
            ProbeResult r = newest.get(i);
            text[0][i] = r.kind().wireName();
            text[1][i] = r.target();
            ids[i] = r.id();
            text[2][i] = stored(r.startedAt()).toString();
            text[3][i] = r.status().wireName();
            for (int m = 0; m < METRICS.size(); m++) {
                metrics[m][i] = finite(r.metrics().get(METRICS.get(m)));
            }
        }
        try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            upsert.setObject(1, agent.siteId());
            upsert.setObject(2, agent.customerId());
            upsert.setArray(3, c.createArrayOf("text", text[0]));
            upsert.setArray(4, c.createArrayOf("text", text[1]));
            upsert.setArray(5, c.createArrayOf("uuid", ids));
            upsert.setArray(6, c.createArrayOf("text", text[2]));
            upsert.setArray(7, c.createArrayOf("text", text[3]));
            for (int m = 0; m < METRICS.size(); m++) {
                upsert.setArray(8 + m, c.createArrayOf("float8", metrics[m]));
            }
            upsert.executeUpdate();
        }
    }

    /**
     * Per kind and target the results with the latest start time (all of them on a tie: PostgreSQL picks by its own
     * uuid order, which differs from Java's), so the statement carries a few rows, not the batch.
     */
    static List<ProbeResult> newestPerKey(List<ProbeResult> stored) {
        Map<Key, List<ProbeResult>> newest = new HashMap<>();
        for (ProbeResult r : stored) {
            List<ProbeResult> best = newest.computeIfAbsent(new Key(r.kind().wireName(), r.target()), k -> new ArrayList<>());
            int order = best.isEmpty() ? 1 : stored(r.startedAt()).compareTo(stored(best.getFirst().startedAt()));
            if (order > 0) {
                best.clear();
            }
            if (order >= 0) {
                best.add(r);
            }
        }
        return newest.values().stream().flatMap(List::stream).toList();
    }

    /** The value rule of the rollups (V104 rollup_metric): only a finite, normal number (or zero) counts as measured. */
    private static Double finite(Double v) {
        return v != null && Double.isFinite(v) && (v == 0 || Math.abs(v) >= Double.MIN_NORMAL) ? v : null;
    }

    private static Instant stored(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }
}
