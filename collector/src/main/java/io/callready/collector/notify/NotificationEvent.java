package io.callready.collector.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What happened, stored in the outbox as JSON and rendered per channel at delivery time. A congestion alert's
 * {@code details} carry its verdict, evidence and sizing advice.
 *
 * @param type one of {@link #FIRING}, {@link #REPEAT}, {@link #SEVERITY_CHANGED}, {@link #RESOLVED},
 *             {@link #INCIDENT_OPENED}, {@link #INCIDENT_RESOLVED}, {@link #TEST}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationEvent(String type, Instant occurredAt, AlertInfo alert, IncidentInfo incident) {
    public static final String FIRING = "alert.firing";
    public static final String REPEAT = "alert.repeat";
    public static final String SEVERITY_CHANGED = "alert.severity_changed";
    public static final String RESOLVED = "alert.resolved";
    public static final String INCIDENT_OPENED = "incident.opened";
    public static final String INCIDENT_RESOLVED = "incident.resolved";
    public static final String TEST = "test";

    /** The event as a channel limited to {@code customers} may see it; null means every customer. */
    public NotificationEvent forCustomers(Set<UUID> customers) {
        return incident == null || customers == null ? this : new NotificationEvent(type, occurredAt, alert, incident.onlyCustomers(customers));
    }

    public boolean isResolution() {
        return RESOLVED.equals(type) || INCIDENT_RESOLVED.equals(type);
    }

    /** The key a receiver deduplicates on (PagerDuty dedup_key): one per alert or incident, stable across messages. */
    public String dedupKey() {
        if (alert != null) {
            return alert.dedupKey();
        }
        if (incident != null) {
            return "callready:incident:" + incident.id();
        }
        return "callready:test:" + occurredAt.toEpochMilli();
    }

    public String severity() {
        if (alert != null) {
            return alert.severity();
        }
        return incident != null ? incident.severity() : "info";
    }

    /** One line for chat messages and PagerDuty summaries. */
    public String summary() {
        String state = isResolution() ? "RESOLVED" : severity().toUpperCase(java.util.Locale.ROOT);
        if (alert != null) {
            String what = "agent_offline".equals(alert.kind())
                    ? "no results from the site's agents"
                    : "congestion".equals(alert.kind())
                    ? "QoS verdict " + alert.metric() + (alert.details() == null ? "" : ": " + alert.details().path("advice").asText())
                    : alert.metric() + " " + format(alert.value()) + " (threshold " + format(alert.threshold()) + ") towards " + alert.target();
            String change = SEVERITY_CHANGED.equals(type) ? " now " + alert.severity() : REPEAT.equals(type) ? " still firing" : "";
            return "[" + state + "] " + alert.customerName() + " / " + alert.siteName() + ": " + what + change;
        }
        if (incident != null) {
            return "[" + state + "] Incident: " + incident.sites().size() + " sites breaching towards " + incident.target();
        }
        return "[TEST] CallReady test notification";
    }

    private static String format(Double value) {
        if (value == null) {
            return "?";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e9 ? Long.toString(value.longValue()) : String.format(java.util.Locale.ROOT, "%.3f", value);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlertInfo(UUID id, String dedupKey, String kind, UUID customerId, String customerName, UUID siteId,
                            String siteName, String target, String metric, String severity, Double value,
                            Double threshold, Instant startedAt, Instant resolvedAt, JsonNode details) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IncidentInfo(UUID id, String target, String severity, Instant openedAt, Instant resolvedAt,
                               List<IncidentSite> sites) {
        /** Only these customers' sites, with the worst severity among them: what a customer's channel may see. */
        IncidentInfo onlyCustomers(Set<UUID> customers) {
            List<IncidentSite> own = sites.stream().filter(s -> customers.contains(s.customerId())).toList();
            String worst = own.stream().anyMatch(s -> "critical".equals(s.severity())) ? "critical" : "warning";
            return new IncidentInfo(id, target, worst, openedAt, resolvedAt, own);
        }
    }

    public record IncidentSite(UUID customerId, String customerName, UUID siteId, String siteName, String metric,
                               String severity) {
    }
}
