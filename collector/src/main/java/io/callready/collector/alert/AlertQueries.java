package io.callready.collector.alert;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.alert.AlertViews.AlertView;
import io.callready.collector.alert.AlertViews.IncidentView;
import io.callready.collector.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Read side of alerts and incidents. Every query takes the customer it is scoped to (null = the whole MSP). */
@ApplicationScoped
public class AlertQueries {
    static final int MAX_ROWS = 1000;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    AlertStore store;

    public List<AlertView> alerts(UUID customerId, String state) {
        requireState(state, "firing", "resolved");
        try (Connection c = dataSource.getConnection()) {
            return store.query(c, "(?::uuid IS NULL OR customer_id = ?) AND (?::text IS NULL OR state = ?) ORDER BY started_at DESC LIMIT " + MAX_ROWS,
                    customerId, customerId, state, state).stream().map(AlertView::of).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("listing alerts", e);
        }
    }

    /** Incidents with their alerts; scoped to a customer, an incident shows only that customer's alerts. */
    public List<IncidentView> incidents(UUID customerId, String state) {
        requireState(state, "open", "resolved");
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("""
                     SELECT i.id, i.target, i.state, i.opened_at, i.resolved_at FROM incidents i
                     WHERE (?::text IS NULL OR i.state = ?)
                       AND (?::uuid IS NULL OR EXISTS (SELECT 1 FROM alerts a WHERE a.incident_id = i.id AND a.customer_id = ?))
                     ORDER BY i.opened_at DESC LIMIT""" + " " + MAX_ROWS)) {
            q.setString(1, state);
            q.setString(2, state);
            q.setObject(3, customerId);
            q.setObject(4, customerId);
            List<IncidentView> views = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject("id", UUID.class);
                    List<AlertView> members = store.query(c, "incident_id = ? AND (?::uuid IS NULL OR customer_id = ?) ORDER BY started_at",
                            id, customerId, customerId).stream().map(AlertView::of).toList();
                    views.add(new IncidentView(id, rs.getString("target"), rs.getString("state"), SqlTime.read(rs, "opened_at"),
                            SqlTime.read(rs, "resolved_at"), members));
                }
            }
            return views;
        } catch (SQLException e) {
            throw new IllegalStateException("listing incidents", e);
        }
    }

    private static void requireState(String state, String... allowed) {
        if (state != null && !List.of(allowed).contains(state)) {
            throw ProblemException.badRequest("state", "must be " + String.join(" or ", allowed));
        }
    }
}
