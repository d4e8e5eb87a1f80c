package io.callready.collector.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.callready.collector.alert.SqlTime;
import io.callready.collector.notify.channel.OutgoingMessage;
import io.callready.collector.notify.ssrf.RefusedUrlException;
import io.callready.collector.notify.ssrf.UrlGuard;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One delivery attempt of one claimed message: the SSRF guard on a fresh resolution, rendering, the POST to the
 * checked address, and the outcome written back to the row (delivered, retried with backoff, or failed).
 */
@ApplicationScoped
public class DeliveryAttempt {
    private static final Logger LOG = Logger.getLogger(DeliveryAttempt.class);
    private static final int MAX_ERROR_CHARS = 1000;

    /** What the attempt means for the rest of the channel's queue in this pass. */
    enum Outcome { DELIVERED, RECEIVER_FAILED, MESSAGE_FAILED }

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

    Outcome attempt(ClaimedMessage m) {
        String kind = m.channel().kind().wireName();
        Instant now = clock.instant();
        if (!m.enabled()) {
            finish(m, "failed", null, "channel disabled before delivery", null);
            return Outcome.MESSAGE_FAILED;
        }
        UrlGuard.Target target;
        try {
            target = guard.check(m.channel().url());
        } catch (RefusedUrlException e) {
            metrics.failure(kind, "refused");
            finish(m, "failed", null, "refused by the SSRF guard: " + e.getMessage(), null);
            return Outcome.MESSAGE_FAILED;
        }
        OutgoingMessage out;
        try {
            out = m.channel().kind().renderer(mapper).render(m.channel(), m.messageId(),
                    mapper.readValue(m.event(), NotificationEvent.class), now);
        } catch (JsonProcessingException e) {
            metrics.failure(kind, "unreadable");
            finish(m, "failed", null, "stored event unreadable: " + e.getOriginalMessage(), null);
            return Outcome.MESSAGE_FAILED;
        }
        PinnedHttpClient.Reply reply;
        try {
            reply = http.post(target, out.headers(), out.body());
        } catch (IOException e) {
            metrics.failure(kind, "retry");
            retry(m, null, e.getClass().getSimpleName() + ": " + e.getMessage(), null, Duration.ZERO);
            return Outcome.RECEIVER_FAILED;
        }
        return switch (RetryPolicy.verdict(reply.status())) {
            case DELIVERED -> {
                metrics.delivered(kind);
                finish(m, "delivered", reply.status(), null, reply.bodyExcerpt());
                yield Outcome.DELIVERED;
            }
            case RETRY -> {
                metrics.failure(kind, "retry");
                Duration retryAfter = RetryPolicy.retryAfter(reply.headers().get("retry-after"), now).orElse(Duration.ZERO);
                retry(m, reply.status(), "HTTP " + reply.status(), reply.bodyExcerpt(), retryAfter);
                yield Outcome.RECEIVER_FAILED;
            }
            case GONE -> {
                metrics.failure(kind, "gone");
                finish(m, "failed", reply.status(), "HTTP 410 Gone: channel disabled", reply.bodyExcerpt());
                disableChannel(m.channel().id(), "receiver answered 410 Gone to " + m.messageId());
                yield Outcome.RECEIVER_FAILED;
            }
            case FAILED -> {
                metrics.failure(kind, "failed");
                finish(m, "failed", reply.status(), "HTTP " + reply.status() + " is not retried", reply.bodyExcerpt());
                yield Outcome.MESSAGE_FAILED;
            }
        };
    }

    /** Records a message that cannot be delivered at all (a row the worker could not process), so it stops coming back. */
    void giveUp(ClaimedMessage m, String why) {
        finish(m, "failed", null, why, null);
    }

    private void retry(ClaimedMessage m, Integer status, String error, String response, Duration retryAfter) {
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

    private void finish(ClaimedMessage m, String status, Integer code, String error, String response) {
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
                u.setString(3, storable(clip(error)));
                u.setString(4, storable(response));
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

    private static String clip(String text) {
        return text == null || text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS);
    }

    /** PostgreSQL text cannot hold NUL; a receiver's answer may. */
    private static String storable(String text) {
        return text == null ? null : text.replace('\u0000', '\uFFFD');
    }
}
