package io.callready.collector.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.collector.jobs.JobHealth;
import io.callready.collector.jobs.RowIsolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The per-row evaluator's reader as it was before issue 15 (reference for {@link EvaluationEquivalenceIT}): reads the results stored since the last pass, oldest first, grouped by site, defensively: whatever a stored
 * row holds (rows from an older collector, or written by hand), a value the rules cannot use is skipped,
 * logged once and counted as {@code callready.jobs.isolated{job="alert-evaluation"}}, and the rest is read.
 * Skipped: a start time that is not finite or lies more than {@link #MAX_AHEAD} ahead (it would make every
 * later sample of its series look old), a metric that is not a finite number, an {@code interval} label that
 * is not a duration between 1 ms and {@link NewResults#MAX_PLAN_INTERVAL}.
 */
@ApplicationScoped
class PerRowNewResults {
    static final Duration MAX_AHEAD = Duration.ofDays(1);
    private static final List<String> WATCHED = java.util.Arrays.stream(AlertMetric.values())
            .flatMap(m -> m.sourceKeys().stream()).distinct().toList();
    /**
     * Results read by one pass at most (plus the rest of the batch the last one came in), so a backlog after a burst
     * is worked off page by page in bounded memory instead of loaded whole (issue 15: that took the heap).
     */
    static final int MAX_ROWS_PER_PASS = 10_000;
    /** The receipt time of the first result past this pass's page, if the backlog is longer than a page. */
    private static final String PAGE_END = """
            SELECT received_at FROM results
            WHERE received_at > (SELECT received_from FROM alert_eval_cursor WHERE id = 1)
            ORDER BY received_at OFFSET %d LIMIT 1""".formatted(MAX_ROWS_PER_PASS);
    private static final String QUERY = """
            SELECT result_id, customer_id, site_id, target, CASE WHEN isfinite(started_at) THEN started_at END AS started_at,
                   metrics::text AS metrics, labels ->> 'interval' AS plan_interval
            FROM results
            WHERE received_at > (SELECT received_from FROM alert_eval_cursor WHERE id = 1)
              AND (?::timestamptz IS NULL OR received_at <= ?::timestamptz)
              AND jsonb_exists_any(metrics, array[%s])
            ORDER BY started_at, result_id""".formatted(WATCHED.stream().map(k -> "'" + k + "'").collect(java.util.stream.Collectors.joining(", ")));

    /** One usable result: its watched metrics, all finite. */
    record Sample(UUID resultId, UUID customerId, UUID siteId, String target, Instant startedAt, Map<String, Double> metrics,
                  Optional<Long> planIntervalMs) {
    }

    @Inject
    ObjectMapper mapper;
    @Inject
    JobHealth health;
    /** Reads a plan interval label as it always did. */
    @Inject
    NewResults current;

    /**
     * One pass's page of new results.
     *
     * @param bySite samples by site, each site's oldest first
     * @param end    when more results wait than a page holds: the receipt time up to which this page read them
     */
    public record Page(Map<UUID, List<Sample>> bySite, Optional<Instant> end) {
    }

    public Page read(Connection c, Instant now) throws SQLException {
        Map<UUID, List<Sample>> bySite = new LinkedHashMap<>();
        OffsetDateTime end = null;
        try (PreparedStatement q = c.prepareStatement(PAGE_END); ResultSet rs = q.executeQuery()) {
            if (rs.next()) {
                end = rs.getObject(1, OffsetDateTime.class);
            }
        }
        try (PreparedStatement q = c.prepareStatement(QUERY)) {
            q.setObject(1, end);
            q.setObject(2, end);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    UUID resultId = rs.getObject("result_id", UUID.class);
                    UUID siteId = rs.getObject("site_id", UUID.class);
                    String ids = "result_id=" + resultId + " site_id=" + siteId;
                    try {
                        Sample s = sample(rs, resultId, siteId, ids, now);
                        bySite.computeIfAbsent(siteId, k -> new ArrayList<>()).add(s);
                    } catch (SQLException | RuntimeException e) {
                        if (!RowIsolation.isRowProblem(e)) {
                            throw e;
                        }
                        health.isolated(JobHealth.ALERT_EVALUATION, ids, e);
                    }
                }
            }
        }
        return new Page(bySite, Optional.ofNullable(end).map(OffsetDateTime::toInstant));
    }

    private Sample sample(ResultSet rs, UUID resultId, UUID siteId, String ids, Instant now) throws SQLException {
        OffsetDateTime started = rs.getObject("started_at", OffsetDateTime.class);
        if (started == null) {
            throw new IllegalArgumentException("started_at is not a finite time");
        }
        Instant startedAt = started.toInstant();
        if (startedAt.isAfter(now.plus(MAX_AHEAD))) {
            throw new IllegalArgumentException("started_at " + startedAt + " lies more than " + MAX_AHEAD.toDays() + " day ahead");
        }
        Map<String, Double> metrics = metrics(rs.getString("metrics"), ids);
        String label = rs.getString("plan_interval");
        Optional<Long> interval = label == null ? Optional.empty() : current.planInterval(label, siteId);
        return new Sample(resultId, rs.getObject("customer_id", UUID.class), siteId, rs.getString("target"), startedAt, metrics, interval);
    }

    private Map<String, Double> metrics(String json, String ids) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metrics is not a JSON object", e);
        }
        Map<String, Double> usable = new HashMap<>();
        for (String key : WATCHED) {
            JsonNode value = node.get(key);
            if (value == null) {
                continue;
            }
            if (value.isNumber() && Double.isFinite(value.asDouble())) {
                usable.put(key, value.asDouble());
            } else {
                health.isolated(JobHealth.ALERT_EVALUATION, ids + " metric=" + key,
                        new IllegalArgumentException("metrics." + key + " is not a finite number: " + clip(value.toString())));
            }
        }
        return usable;
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
