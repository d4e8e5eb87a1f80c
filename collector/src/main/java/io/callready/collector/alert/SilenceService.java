package io.callready.collector.alert;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.alert.AlertViews.SilenceRequest;
import io.callready.collector.alert.AlertViews.SilenceView;
import io.callready.collector.problem.DurationField;
import io.callready.collector.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

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

/**
 * Silences (maintenance windows) for a customer or one of its sites. Every silence ends: at most
 * {@link #MAX_LENGTH} after it starts, so a forgotten one cannot mute a site for ever.
 */
@ApplicationScoped
public class SilenceService {
    static final Duration MAX_LENGTH = Duration.ofDays(31);
    /** How far ahead a silence may be planned (or back-dated); also keeps every time within what the database stores. */
    static final Duration MAX_START_OFFSET = Duration.ofDays(366);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;

    @Transactional
    public SilenceView create(UUID customerId, SilenceRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("body", "is missing");
        }
        Instant now = clock.instant();
        Instant starts = request.startsAt() == null ? now : request.startsAt();
        if (Duration.between(now, starts).abs().compareTo(MAX_START_OFFSET) > 0) {
            throw ProblemException.badRequest("startsAt", "must lie within a year of now (" + now + ")");
        }
        Instant ends = ends(request, starts);
        String comment = request.comment() == null ? "" : request.comment().strip();
        if (comment.length() > 500) {
            throw ProblemException.badRequest("comment", "must be at most 500 characters");
        }
        try (Connection c = dataSource.getConnection()) {
            requireCustomer(c, customerId);
            if (request.siteId() != null && !isSiteOf(c, request.siteId(), customerId)) {
                // Another customer's site is refused in the same words as a site that does not exist.
                throw ProblemException.badRequest("siteId", "no site " + request.siteId() + " at this customer");
            }
            UUID id = UUID.randomUUID();
            try (PreparedStatement i = c.prepareStatement("""
                    INSERT INTO silences (id, customer_id, site_id, starts_at, ends_at, comment, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                i.setObject(1, id);
                i.setObject(2, customerId);
                i.setObject(3, request.siteId());
                i.setObject(4, SqlTime.of(starts));
                i.setObject(5, SqlTime.of(ends));
                i.setString(6, comment);
                i.setObject(7, SqlTime.of(now));
                i.executeUpdate();
            }
            return new SilenceView(id, customerId, request.siteId(), starts, ends, comment, active(starts, ends, now));
        } catch (SQLException e) {
            throw new IllegalStateException("creating a silence", e);
        }
    }

    /** Current and future silences of the customer, plus the ones that ended in the last day. */
    public List<SilenceView> list(UUID customerId) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            requireCustomer(c, customerId);
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT * FROM silences WHERE customer_id = ? AND ends_at > ? ORDER BY starts_at")) {
                q.setObject(1, customerId);
                q.setObject(2, SqlTime.of(now.minus(Duration.ofDays(1))));
                List<SilenceView> views = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        Instant starts = SqlTime.read(rs, "starts_at");
                        Instant ends = SqlTime.read(rs, "ends_at");
                        views.add(new SilenceView(rs.getObject("id", UUID.class), customerId, rs.getObject("site_id", UUID.class),
                                starts, ends, rs.getString("comment"), active(starts, ends, now)));
                    }
                }
                return views;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("listing silences", e);
        }
    }

    /** Ends a silence now; alerts it held back speak at the next evaluation. */
    @Transactional
    public void expire(UUID customerId, UUID silenceId) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection(); PreparedStatement u = c.prepareStatement(
                "UPDATE silences SET ends_at = greatest(starts_at + interval '1 millisecond', least(ends_at, ?)) WHERE id = ? AND customer_id = ?")) {
            u.setObject(1, SqlTime.of(now));
            u.setObject(2, silenceId);
            u.setObject(3, customerId);
            if (u.executeUpdate() == 0) {
                throw ProblemException.notFound("No silence " + silenceId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("expiring silence " + silenceId, e);
        }
    }

    private static Instant ends(SilenceRequest request, Instant starts) {
        Instant ends;
        if (request.endsAt() != null) {
            ends = request.endsAt();
        } else if (request.duration() != null) {
            Duration duration = DurationField.parse("duration", request.duration());
            if (duration.isZero()) {
                throw ProblemException.badRequest("duration", "must be longer than 0s");
            }
            if (duration.compareTo(MAX_LENGTH) > 0) {
                throw ProblemException.badRequest("duration", "a silence may last at most 31 days");
            }
            ends = starts.plus(duration);
        } else {
            throw ProblemException.badRequest("endsAt", "a silence needs an end: endsAt or duration (e.g. \"2h\")");
        }
        if (!ends.isAfter(starts)) {
            throw ProblemException.badRequest("endsAt", "must be after startsAt");
        }
        if (Duration.between(starts, ends).compareTo(MAX_LENGTH) > 0) {
            throw ProblemException.badRequest("endsAt", "a silence may last at most 31 days");
        }
        return ends;
    }

    private static boolean active(Instant starts, Instant ends, Instant now) {
        return !now.isBefore(starts) && now.isBefore(ends);
    }

    private static boolean isSiteOf(Connection c, UUID siteId, UUID customerId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM sites WHERE id = ? AND customer_id = ?")) {
            q.setObject(1, siteId);
            q.setObject(2, customerId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void requireCustomer(Connection c, UUID customerId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM customers WHERE id = ?")) {
            q.setObject(1, customerId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("No customer " + customerId);
                }
            }
        }
    }
}
