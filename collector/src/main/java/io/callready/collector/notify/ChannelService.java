package io.callready.collector.notify;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.alert.SqlTime;
import io.callready.collector.notify.ChannelViews.ChannelRequest;
import io.callready.collector.notify.ChannelViews.ChannelView;
import io.callready.collector.notify.ChannelViews.DeliveryView;
import io.callready.collector.notify.ChannelViews.RouteView;
import io.callready.collector.notify.channel.ChannelKind;
import io.callready.collector.notify.channel.PagerDutyChannel;
import io.callready.collector.notify.channel.WebhookSigner;
import io.callready.collector.notify.ssrf.RefusedUrlException;
import io.callready.collector.notify.ssrf.UrlGuard;
import io.callready.collector.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Channels, their routes, the test message and the delivery log. Channels belong to the MSP, not a customer. */
@ApplicationScoped
public class ChannelService {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    UrlGuard guard;
    @Inject
    Outbox outbox;
    @Inject
    Clock clock;

    @Transactional
    public ChannelView create(ChannelRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("body", "is missing");
        }
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw ProblemException.badRequest("name", "must be 1 to 200 characters");
        }
        ChannelKind kind = ChannelKind.fromWire(request.kind()).orElseThrow(() ->
                ProblemException.badRequest("kind", "must be one of webhook, slack, teams, pagerduty"));
        String url = request.url() == null && kind == ChannelKind.PAGERDUTY ? PagerDutyChannel.DEFAULT_URL : request.url();
        try {
            guard.check(url);
        } catch (RefusedUrlException e) {
            throw ProblemException.badRequest("url", e.getMessage());
        }
        String secret = secret(kind, request.secret());
        List<RouteView> routes = request.routes() == null || request.routes().isEmpty()
                ? List.of(new RouteView(null, "warning")) : request.routes();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            if (exists(c, "SELECT 1 FROM notify_channels WHERE name = ?", name)) {
                throw ProblemException.conflict("name", "a channel named '" + name + "' already exists");
            }
            try (PreparedStatement i = c.prepareStatement(
                    "INSERT INTO notify_channels (id, name, kind, url, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                i.setObject(1, id);
                i.setString(2, name);
                i.setString(3, kind.wireName());
                i.setString(4, url.strip());
                i.setString(5, secret);
                i.setObject(6, SqlTime.of(now));
                i.executeUpdate();
            }
            for (int n = 0; n < routes.size(); n++) {
                insertRoute(c, id, routes.get(n), "routes[" + n + "]");
            }
            ChannelView view = load(c, id);
            return kind == ChannelKind.WEBHOOK ? withSecret(view, secret) : view;
        } catch (SQLException e) {
            throw new IllegalStateException("creating channel " + name, e);
        }
    }

    public List<ChannelView> list() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT id FROM notify_channels ORDER BY name");
             ResultSet rs = q.executeQuery()) {
            List<ChannelView> views = new ArrayList<>();
            while (rs.next()) {
                views.add(load(c, rs.getObject(1, UUID.class)));
            }
            return views;
        } catch (SQLException e) {
            throw new IllegalStateException("listing channels", e);
        }
    }

    @Transactional
    public void delete(UUID id) {
        update(id, "DELETE FROM notify_channels WHERE id = ?");
    }

    /** Re-enables a channel a 410 disabled, once its receiver is back. */
    @Transactional
    public ChannelView enable(UUID id) {
        update(id, "UPDATE notify_channels SET enabled = true, disabled_reason = NULL WHERE id = ?");
        try (Connection c = dataSource.getConnection()) {
            return load(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException("reading channel " + id, e);
        }
    }

    @Transactional
    public String sendTest(UUID id) {
        ChannelView channel;
        try (Connection c = dataSource.getConnection()) {
            channel = load(c, id);
            if (!channel.enabled()) {
                throw ProblemException.conflict("enabled", "channel is disabled (" + channel.disabledReason() + "); enable it first");
            }
            Instant now = clock.instant();
            return outbox.enqueueTo(c, id, new NotificationEvent(NotificationEvent.TEST, now, null, null), now);
        } catch (SQLException e) {
            throw new IllegalStateException("queueing a test message for channel " + id, e);
        }
    }

    public List<DeliveryView> deliveries(UUID id, int limit) {
        try (Connection c = dataSource.getConnection()) {
            load(c, id);
            try (PreparedStatement q = c.prepareStatement("""
                    SELECT message_id, event ->> 'type' AS type, status, attempts, created_at, last_attempt_at, next_attempt_at,
                           delivered_at, last_status_code, last_error, last_response
                    FROM notify_outbox WHERE channel_id = ? ORDER BY id DESC LIMIT ?""")) {
                q.setObject(1, id);
                q.setInt(2, limit);
                List<DeliveryView> views = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        String status = rs.getString("status");
                        views.add(new DeliveryView(rs.getString("message_id"), rs.getString("type"), status, rs.getInt("attempts"),
                                SqlTime.read(rs, "created_at"), SqlTime.read(rs, "last_attempt_at"),
                                "pending".equals(status) ? SqlTime.read(rs, "next_attempt_at") : null, SqlTime.read(rs, "delivered_at"),
                                (Integer) rs.getObject("last_status_code"), rs.getString("last_error"), rs.getString("last_response")));
                    }
                }
                return views;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading deliveries of channel " + id, e);
        }
    }

    private static String secret(ChannelKind kind, String given) {
        return switch (kind) {
            case WEBHOOK -> {
                if (given == null) {
                    yield WebhookSigner.newSecret();
                }
                String problem = WebhookSigner.problem(given);
                if (problem != null) {
                    throw ProblemException.badRequest("secret", problem);
                }
                yield given;
            }
            case PAGERDUTY -> {
                if (given == null || given.isBlank() || given.length() > 100) {
                    throw ProblemException.badRequest("secret", "must be the PagerDuty integration routing key (1 to 100 characters)");
                }
                yield given.strip();
            }
            case SLACK, TEAMS -> {
                if (given != null) {
                    throw ProblemException.badRequest("secret", "is not used by " + kind.wireName() + " channels; the URL is the secret");
                }
                yield null;
            }
        };
    }

    private static void insertRoute(Connection c, UUID channelId, RouteView route, String field) throws SQLException {
        String severity = route.minSeverity() == null ? "warning" : route.minSeverity();
        if (!severity.equals("warning") && !severity.equals("critical")) {
            throw ProblemException.badRequest(field + ".minSeverity", "must be warning or critical");
        }
        if (route.customerId() != null && !exists(c, "SELECT 1 FROM customers WHERE id = ?", route.customerId())) {
            throw ProblemException.badRequest(field + ".customerId", "no customer " + route.customerId());
        }
        try (PreparedStatement i = c.prepareStatement(
                "INSERT INTO notify_routes (id, channel_id, customer_id, min_severity) VALUES (?, ?, ?, ?)")) {
            i.setObject(1, UUID.randomUUID());
            i.setObject(2, channelId);
            i.setObject(3, route.customerId());
            i.setString(4, severity);
            i.executeUpdate();
        }
    }

    private static ChannelView load(Connection c, UUID id) throws SQLException {
        List<RouteView> routes = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT customer_id, min_severity FROM notify_routes WHERE channel_id = ? ORDER BY customer_id NULLS FIRST")) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    routes.add(new RouteView(rs.getObject(1, UUID.class), rs.getString(2)));
                }
            }
        }
        try (PreparedStatement q = c.prepareStatement("SELECT * FROM notify_channels WHERE id = ?")) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("No channel " + id);
                }
                return new ChannelView(id, rs.getString("name"), rs.getString("kind"), rs.getString("url"), rs.getBoolean("enabled"),
                        rs.getString("disabled_reason"), routes, SqlTime.read(rs, "created_at"), null);
            }
        }
    }

    private void update(UUID id, String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement u = c.prepareStatement(sql)) {
            u.setObject(1, id);
            if (u.executeUpdate() == 0) {
                throw ProblemException.notFound("No channel " + id);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("updating channel " + id, e);
        }
    }

    private static boolean exists(Connection c, String sql, Object param) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, param);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static ChannelView withSecret(ChannelView v, String secret) {
        return new ChannelView(v.id(), v.name(), v.kind(), v.url(), v.enabled(), v.disabledReason(), v.routes(), v.createdAt(), secret);
    }
}
