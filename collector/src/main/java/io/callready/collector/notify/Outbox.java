package io.callready.collector.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.collector.alert.Severity;
import io.callready.collector.alert.SqlTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Routes an event to the channels whose rules match and writes one outbox row per channel, on the caller's
 * connection: the rows commit or roll back with the alert change that caused them.
 * <p>
 * A route names one customer or none (MSP-wide). A customer route matches by the severity of that customer's
 * own part of the event, and its channel then hears only of that customer's sites: an incident spanning
 * customers is cut down to them, with their own count and worst severity. An MSP-wide route matches by the
 * worst severity of the whole event and its channel hears all of it.
 */
@ApplicationScoped
public class Outbox {
    private static final String ROUTES = """
            SELECT r.channel_id, r.customer_id, r.min_severity FROM notify_routes r JOIN notify_channels ch ON ch.id = r.channel_id
            WHERE ch.enabled AND (r.customer_id IS NULL OR r.customer_id = ANY (?))""";
    private static final String INSERT = """
            INSERT INTO notify_outbox (message_id, channel_id, event, status, created_at, next_attempt_at, give_up_at,
                                       alert_id, incident_id)
            VALUES (?, ?, ?::jsonb, 'pending', ?, ?, ?, ?, ?)""";

    @Inject
    ObjectMapper mapper;
    @Inject
    NotifyConfig config;

    /** Who an event goes to. */
    private enum Audience {
        /** every channel a route matches */
        MATCHING,
        /** channels a route matches that have no message about this incident yet */
        MATCHING_NOT_TOLD,
        /** exactly the channels that have a message about this incident, whatever the severity now */
        TOLD
    }

    /**
     * @param severityByCustomer every customer the event concerns, with the worst severity of its own sites
     * @return how many channels got the event
     */
    public int enqueue(Connection c, NotificationEvent event, Map<UUID, Severity> severityByCustomer, Instant now) throws SQLException {
        return enqueue(c, event, severityByCustomer, Audience.MATCHING, now);
    }

    /**
     * An incident's news for the channels it now matches that have not heard of it: at its opening, and later when
     * a customer's sites join it or reach a channel's minimum severity.
     */
    public int enqueueToNewListeners(Connection c, NotificationEvent event, Map<UUID, Severity> severityByCustomer, Instant now)
            throws SQLException {
        return enqueue(c, event, severityByCustomer, Audience.MATCHING_NOT_TOLD, now);
    }

    /** An incident's end for exactly the channels that heard of it, each seeing the customers it may see. */
    public int enqueueToListeners(Connection c, NotificationEvent event, Map<UUID, Severity> severityByCustomer, Instant now)
            throws SQLException {
        return enqueue(c, event, severityByCustomer, Audience.TOLD, now);
    }

    private int enqueue(Connection c, NotificationEvent event, Map<UUID, Severity> severityByCustomer, Audience audience, Instant now)
            throws SQLException {
        Map<UUID, Set<UUID>> channels = route(c, severityByCustomer, audience == Audience.TOLD);
        if (audience != Audience.MATCHING) {
            Set<UUID> told = told(c, event.incident().id());
            if (audience == Audience.TOLD) {
                channels.keySet().retainAll(told);
            } else {
                channels.keySet().removeAll(told);
            }
        }
        for (Map.Entry<UUID, Set<UUID>> channel : channels.entrySet()) {
            insert(c, channel.getKey(), event.forCustomers(channel.getValue()), now);
        }
        return channels.size();
    }

    /** A message for one channel regardless of routes (the channel test). */
    public String enqueueTo(Connection c, UUID channelId, NotificationEvent event, Instant now) throws SQLException {
        return insert(c, channelId, event, now);
    }

    /**
     * channel id → the customers it may hear about, or null for all of them (an MSP-wide route matched).
     *
     * @param anySeverity match routes by customer only, ignoring their minimum severity
     */
    private static Map<UUID, Set<UUID>> route(Connection c, Map<UUID, Severity> severityByCustomer, boolean anySeverity)
            throws SQLException {
        Severity worst = severityByCustomer.values().stream().max(Severity::compareTo).orElse(Severity.WARNING);
        Map<UUID, Set<UUID>> channels = new LinkedHashMap<>();
        try (PreparedStatement q = c.prepareStatement(ROUTES)) {
            q.setArray(1, c.createArrayOf("uuid", severityByCustomer.keySet().toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    UUID channel = rs.getObject(1, UUID.class);
                    UUID customer = rs.getObject(2, UUID.class);
                    Severity min = Severity.fromWire(rs.getString(3));
                    if (customer == null) {
                        if (anySeverity || worst.atLeast(min)) {
                            channels.put(channel, null);
                        }
                    } else if ((anySeverity || severityByCustomer.get(customer).atLeast(min))
                            && (!channels.containsKey(channel) || channels.get(channel) != null)) {
                        channels.computeIfAbsent(channel, k -> new HashSet<>()).add(customer);
                    }
                }
            }
        }
        return channels;
    }

    private static Set<UUID> told(Connection c, UUID incidentId) throws SQLException {
        Set<UUID> channels = new HashSet<>();
        try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT channel_id FROM notify_outbox WHERE incident_id = ?")) {
            q.setObject(1, incidentId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    channels.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return channels;
    }

    private String insert(Connection c, UUID channelId, NotificationEvent event, Instant now) throws SQLException {
        String messageId = "msg_" + UUID.randomUUID().toString().replace("-", "");
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setString(1, messageId);
            insert.setObject(2, channelId);
            insert.setString(3, json(event));
            insert.setObject(4, SqlTime.of(now));
            insert.setObject(5, SqlTime.of(now));
            insert.setObject(6, SqlTime.of(now.plus(config.retryFor())));
            insert.setObject(7, event.alert() == null ? null : event.alert().id());
            insert.setObject(8, event.incident() == null ? null : event.incident().id());
            insert.executeUpdate();
        }
        return messageId;
    }

    private String json(NotificationEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise notification " + event.type(), e);
        }
    }
}
