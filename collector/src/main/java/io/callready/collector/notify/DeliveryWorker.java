package io.callready.collector.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.callready.collector.alert.SqlTime;
import io.callready.collector.notify.channel.Channel;
import io.callready.collector.notify.channel.ChannelKind;
import io.callready.collector.notify.channel.OutgoingMessage;
import io.callready.collector.notify.ssrf.RefusedUrlException;
import io.callready.collector.notify.ssrf.UrlGuard;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers due outbox messages. A message is claimed by pushing its next attempt past a lease, in a committed
 * statement, before the HTTP call: a collector that dies mid-call leaves it to be retried after the lease, by
 * any instance, with the same message id. At-least-once, so receivers deduplicate on webhook-id.
 */
@ApplicationScoped
public class DeliveryWorker {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final int MAX_ERROR_CHARS = 1000;
    private static final String CLAIM = """
            UPDATE notify_outbox o SET attempts = o.attempts + 1, last_attempt_at = ?, next_attempt_at = ?
            FROM notify_channels ch
            WHERE ch.id = o.channel_id AND o.id IN (
                SELECT id FROM notify_outbox WHERE status = 'pending' AND next_attempt_at <= ?
                ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING o.id, o.message_id, o.event::text AS event, o.attempts, o.give_up_at,
                      ch.id AS channel_id, ch.name, ch.kind, ch.url, ch.secret, ch.enabled""";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;
    @Inject
    NotifyConfig config;
    @Inject
    UrlGuard guard;
    @Inject
    PinnedHttpClient http;
    @Inject
    ObjectMapper mapper;
    @Inject
    NotifyMetrics metrics;

    private record Claimed(long id, String messageId, String event, int attempts, Instant giveUpAt, Channel channel,
                           boolean enabled) {
    }

    @Scheduled(every = "${callready.notify.poll-every}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        deliverDue();
    }

    /** One pass over due messages; returns how many were attempted. */
    public int deliverDue() {
        Instant now = clock.instant();
        List<Claimed> claimed = QuarkusTransaction.requiringNew().call(() -> claim(now));
        for (Claimed message : claimed) {
            attempt(message);
        }
        metrics.depth(QuarkusTransaction.requiringNew().call(this::pendingCount));
        return claimed.size();
    }

    private void attempt(Claimed m) {
        String kind = m.channel().kind().wireName();
        Instant now = clock.instant();
        if (!m.enabled()) {
            finish(m, "failed", null, "channel disabled before delivery", null);
            return;
        }
        UrlGuard.Target target;
        try {
            target = guard.check(m.channel().url());
        } catch (RefusedUrlException e) {
            metrics.failure(kind, "refused");
            finish(m, "failed", null, "refused by the SSRF guard: " + e.getMessage(), null);
            return;
        }
        OutgoingMessage out;
        try {
            out = m.channel().kind().renderer(mapper).render(m.channel(), m.messageId(),
                    mapper.readValue(m.event(), NotificationEvent.class), now);
        } catch (JsonProcessingException e) {
            finish(m, "failed", null, "stored event unreadable: " + e.getOriginalMessage(), null);
            return;
        }
        PinnedHttpClient.Reply reply;
        try {
            reply = http.post(target, out.headers(), out.body());
        } catch (IOException e) {
            metrics.failure(kind, "retry");
            retry(m, null, e.getClass().getSimpleName() + ": " + e.getMessage(), null, Duration.ZERO);
            return;
        }
        switch (RetryPolicy.verdict(reply.status())) {
            case DELIVERED -> {
                metrics.delivered(kind);
                finish(m, "delivered", reply.status(), null, reply.bodyExcerpt());
            }
            case RETRY -> {
                metrics.failure(kind, "retry");
                Duration retryAfter = RetryPolicy.retryAfter(reply.headers().get("retry-after"), now).orElse(Duration.ZERO);
                retry(m, reply.status(), "HTTP " + reply.status(), reply.bodyExcerpt(), retryAfter);
            }
            case GONE -> {
                metrics.failure(kind, "gone");
                finish(m, "failed", reply.status(), "HTTP 410 Gone: channel disabled", reply.bodyExcerpt());
                disableChannel(m.channel().id(), "receiver answered 410 Gone to " + m.messageId());
            }
            case FAILED -> {
                metrics.failure(kind, "failed");
                finish(m, "failed", reply.status(), "HTTP " + reply.status() + " is not retried", reply.bodyExcerpt());
            }
        }
    }

    private void retry(Claimed m, Integer status, String error, String response, Duration retryAfter) {
        Instant now = clock.instant();
        if (!now.isBefore(m.giveUpAt())) {
            metrics.failure(m.channel().kind().wireName(), "expired");
            finish(m, "failed", status, "gave up after " + m.attempts() + " attempts: " + error, response);
            return;
        }
        Duration backoff = new RetryPolicy(config.initialBackoff(), config.maxBackoff())
                .backoff(m.attempts(), ThreadLocalRandom.current()::nextDouble);
        Instant next = now.plus(backoff.compareTo(retryAfter) >= 0 ? backoff : retryAfter);
        Instant at = next.isAfter(m.giveUpAt()) ? m.giveUpAt() : next;
        update(m.id(), "pending", status, error, response, at);
    }

    private void finish(Claimed m, String status, Integer code, String error, String response) {
        update(m.id(), status, code, error, response, null);
        if (!"delivered".equals(status)) {
            LOG.warnf("Notification %s to channel '%s' %s: %s", m.messageId(), m.channel().name(), status, error);
        }
    }

    private void update(long id, String status, Integer code, String error, String response, Instant nextAttempt) {
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement u = c.prepareStatement("""
                    UPDATE notify_outbox SET status = ?, last_status_code = ?, last_error = ?, last_response = ?,
                        next_attempt_at = coalesce(?, next_attempt_at),
                        delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END
                    WHERE id = ?""")) {
                u.setString(1, status);
                u.setObject(2, code);
                u.setString(3, clip(error));
                u.setString(4, response);
                u.setObject(5, SqlTime.of(nextAttempt));
                u.setString(6, status);
                u.setObject(7, SqlTime.of(now));
                u.setLong(8, id);
                u.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("recording delivery " + id, e);
            }
        });
    }

    private void disableChannel(UUID channelId, String reason) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement u = c.prepareStatement("UPDATE notify_channels SET enabled = false, disabled_reason = ? WHERE id = ?");
                 PreparedStatement drop = c.prepareStatement("""
                         UPDATE notify_outbox SET status = 'failed', last_error = 'channel disabled: ' || ?
                         WHERE channel_id = ? AND status = 'pending'""")) {
                u.setString(1, reason);
                u.setObject(2, channelId);
                u.executeUpdate();
                drop.setString(1, reason);
                drop.setObject(2, channelId);
                drop.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("disabling channel " + channelId, e);
            }
        });
        LOG.warnf("Channel %s disabled: %s", channelId, reason);
    }

    private List<Claimed> claim(Instant now) throws SQLException {
        Duration lease = config.connectTimeout().plus(config.readTimeout()).plusSeconds(30);
        List<Claimed> claimed = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(CLAIM)) {
            q.setObject(1, SqlTime.of(now));
            q.setObject(2, SqlTime.of(now.plus(lease)));
            q.setObject(3, SqlTime.of(now));
            q.setInt(4, config.batchSize());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Channel channel = new Channel(rs.getObject("channel_id", UUID.class), rs.getString("name"),
                            ChannelKind.fromWire(rs.getString("kind")).orElseThrow(), rs.getString("url"), rs.getString("secret"));
                    claimed.add(new Claimed(rs.getLong("id"), rs.getString("message_id"), rs.getString("event"),
                            rs.getInt("attempts"), SqlTime.read(rs, "give_up_at"), channel, rs.getBoolean("enabled")));
                }
            }
        }
        return claimed;
    }

    private long pendingCount() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM notify_outbox WHERE status = 'pending'");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS);
    }
}
