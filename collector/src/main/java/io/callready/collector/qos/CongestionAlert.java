package io.callready.collector.qos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callready.advice.Direction;
import io.callready.advice.QosAssessment;
import io.callready.advice.Verdict;
import io.callready.advice.correlation.Knee;
import io.callready.advice.sizing.Sizing;
import io.callready.collector.alert.AlertRow;
import io.callready.collector.alert.AlertStore;
import io.callready.collector.alert.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * One {@code congestion} alert per site while its verdict is congestion_upstream or congestion_downstream, through
 * the alert lifecycle (group wait, silences, repeats, channels): fired when the verdict becomes congestion,
 * resolved when it leaves it, untouched while recomputation keeps it, so the same verdict never notifies twice.
 * Its details carry the verdict, the evidence and the sizing advice; value is the knee's utilisation (% of the
 * line rate, 0 when no knee was found).
 */
@ApplicationScoped
public class CongestionAlert {
    @Inject
    AlertStore alerts;
    @Inject
    ObjectMapper mapper;

    public void apply(Connection c, UUID customerId, UUID siteId, QosAssessment a, Instant now) throws SQLException {
        String key = AlertRow.congestionKey(siteId);
        Optional<AlertRow> firing = alerts.firing(c, key);
        boolean congested = a.verdict() != null && a.verdict().isCongestion();
        if (congested && firing.isEmpty()) {
            Direction direction = a.verdict() == Verdict.CONGESTION_UPSTREAM ? Direction.UP : Direction.DOWN;
            double knee = a.knee(direction).map(Knee::utilisationPct).orElse(0.0);
            alerts.fire(c, key, AlertRow.CONGESTION, customerId, siteId, null, a.verdict().wireName(), Severity.WARNING,
                    knee, knee, details(a, direction), now);
        } else if (!congested && firing.isPresent()) {
            alerts.resolve(c, firing.get(), now);
        }
    }

    private String details(QosAssessment a, Direction direction) {
        ObjectNode details = mapper.createObjectNode();
        details.put("verdict", a.verdict().wireName());
        details.put("advice", advice(a.sizing(), direction));
        details.set("evidence", mapper.valueToTree(a.evidence()));
        details.set("sizing", mapper.valueToTree(a.sizing()));
        try {
            return mapper.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write congestion details", e);
        }
    }

    /** One line for chat messages: the shaper and priority class the sizing computed. */
    static String advice(Sizing s, Direction direction) {
        if (s == null) {
            return "voice degrades when the " + direction.adjective() + " is loaded";
        }
        Double shaper = direction == Direction.UP ? s.shaperUpKbps() : s.shaperDownKbps();
        StringBuilder out = new StringBuilder("shape ").append(direction.adjective());
        out.append(shaper == null ? " below the line rate" : String.format(Locale.ROOT, " to %.0f kbit/s", shaper));
        out.append(s.priorityKbps() == null
                ? String.format(Locale.ROOT, " with an EF priority class of %.1f kbit/s per call", s.perCallKbps())
                : String.format(Locale.ROOT, " with an EF priority class of %.0f kbit/s", s.priorityKbps()));
        return out.toString();
    }
}
