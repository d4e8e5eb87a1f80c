package io.callready.collector.notify;

import io.agroal.api.AgroalDataSource;
import io.callready.collector.alert.SqlTime;
import io.callready.collector.jobs.JobHealth;
import io.callready.collector.notify.channel.Channel;
import io.callready.collector.notify.channel.ChannelKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Delivers due outbox messages, each channel on its own virtual thread with one message in flight: a receiver
 * that hangs holds only its own channel, for at most its timeouts, while every other channel goes on. A pass
 * starts a drain for each channel with due messages that is not already draining (up to {@code parallel-channels}
 * at once) and does not wait for them.
 * <p>
 * A message is claimed by pushing its next attempt past a lease, in a committed statement, before the HTTP call:
 * a collector that dies mid-call leaves it to be retried after the lease, by any instance, with the same message
 * id. At-least-once, so receivers deduplicate on webhook-id. A row that cannot be processed is recorded as failed,
 * logged and counted once ({@link JobHealth#isolated}), and the channel goes on with its next message.
 */
@ApplicationScoped
public class DeliveryWorker {
    private static final String DUE_CHANNELS = """
            SELECT DISTINCT channel_id FROM notify_outbox
            WHERE status = 'pending' AND next_attempt_at <= ? AND channel_id <> ALL (?)""";
    private static final String CLAIM = """
            UPDATE notify_outbox o SET attempts = o.attempts + 1, last_attempt_at = ?, next_attempt_at = ?
            FROM notify_channels ch
            WHERE ch.id = o.channel_id AND o.id = (
                SELECT id FROM notify_outbox WHERE channel_id = ? AND status = 'pending' AND next_attempt_at <= ?
                ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING o.id, o.message_id, o.event::text AS event, o.attempts, o.give_up_at,
                      ch.id AS channel_id, ch.name, ch.kind, ch.url, ch.secret, ch.enabled""";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;
    @Inject
    NotifyConfig config;
    @Inject
    DeliveryAttempt attempts;
    @Inject
    NotifyMetrics metrics;
    @Inject
    JobHealth health;

    private final Set<UUID> draining = ConcurrentHashMap.newKeySet();
    private final AtomicReference<RuntimeException> drainFailure = new AtomicReference<>();
    private ExecutorService executor;
    private Semaphore parallel;

    @PostConstruct
    void start() {
        executor = Executors.newVirtualThreadPerTaskExecutor();
        parallel = new Semaphore(config.parallelChannels());
    }

    @PreDestroy
    void stop() {
        // Interrupting a blocked socket call closes it; the claimed message is retried after its lease.
        executor.shutdownNow();
    }

    @Scheduled(every = "${callready.notify.poll-every}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        pass(false);
    }

    /**
     * One pass that waits for the drains it started (tests, on their own clock); channels still draining from an
     * earlier pass are left to it. Returns how many messages were attempted.
     */
    public int deliverDue() {
        return pass(true);
    }

    /**
     * The one place the delivery job reports its health: a pass succeeded when it could look for due messages,
     * start their drains, and no drain failed since the last pass (a database that is gone, not a bad row).
     */
    private int pass(boolean wait) {
        try {
            List<Future<Integer>> started = startDrains();
            int attempted = wait ? await(started) : 0;
            RuntimeException drainFailed = drainFailure.getAndSet(null);
            if (drainFailed == null) {
                health.succeeded(JobHealth.DELIVERY);
            } else {
                health.failed(JobHealth.DELIVERY, drainFailed);
            }
            return attempted;
        } catch (RuntimeException e) {
            health.failed(JobHealth.DELIVERY, e);
            return 0;
        }
    }

    private static int await(List<Future<Integer>> drains) {
        int attempted = 0;
        for (Future<Integer> drain : drains) {
            try {
                attempted += drain.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                throw new IllegalStateException("a channel's delivery failed", e.getCause());
            }
        }
        return attempted;
    }

    private List<Future<Integer>> startDrains() {
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> dueChannels(clock.instant()));
        List<Future<Integer>> started = new ArrayList<>();
        for (UUID channel : due) {
            if (!parallel.tryAcquire()) {
                break;
            }
            if (!draining.add(channel)) {
                parallel.release();
                continue;
            }
            started.add(executor.submit(() -> {
                try {
                    return drain(channel);
                } finally {
                    draining.remove(channel);
                    parallel.release();
                }
            }));
        }
        metrics.depth(QuarkusTransaction.requiringNew().call(this::pendingCount));
        return started;
    }

    /**
     * Due messages of one channel, one at a time, at most {@code batch-size} per pass; a receiver that failed
     * (timeout, 5xx) is left alone until the next pass instead of being tried with every queued message.
     */
    private int drain(UUID channel) {
        int attempted = 0;
        try {
            while (attempted < config.batchSize()) {
                Optional<ClaimedMessage> claimed = QuarkusTransaction.requiringNew().call(() -> claim(channel, clock.instant()));
                if (claimed.isEmpty()) {
                    break;
                }
                attempted++;
                if (attemptIsolated(claimed.get()) == DeliveryAttempt.Outcome.RECEIVER_FAILED) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            drainFailure.set(e);
        }
        return attempted;
    }

    private DeliveryAttempt.Outcome attemptIsolated(ClaimedMessage m) {
        try {
            return attempts.attempt(m);
        } catch (RuntimeException e) {
            health.isolated(JobHealth.DELIVERY, m.rowIds(), e);
            metrics.failure(m.channel().kind().wireName(), "error");
            attempts.giveUp(m, "the collector could not process this message; see its log for " + m.messageId());
            return DeliveryAttempt.Outcome.MESSAGE_FAILED;
        }
    }

    private List<UUID> dueChannels(Instant now) throws SQLException {
        List<UUID> channels = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(DUE_CHANNELS)) {
            q.setObject(1, SqlTime.of(now));
            q.setArray(2, c.createArrayOf("uuid", draining.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    channels.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return channels;
    }

    private Optional<ClaimedMessage> claim(UUID channel, Instant now) throws SQLException {
        Duration lease = config.requestTimeout().plusSeconds(30);
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(CLAIM)) {
            q.setObject(1, SqlTime.of(now));
            q.setObject(2, SqlTime.of(now.plus(lease)));
            q.setObject(3, channel);
            q.setObject(4, SqlTime.of(now));
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Channel ch = new Channel(rs.getObject("channel_id", UUID.class), rs.getString("name"),
                        ChannelKind.fromWire(rs.getString("kind")).orElseThrow(), rs.getString("url"), rs.getString("secret"));
                return Optional.of(new ClaimedMessage(rs.getLong("id"), rs.getString("message_id"), rs.getString("event"),
                        rs.getInt("attempts"), SqlTime.read(rs, "give_up_at"), ch, rs.getBoolean("enabled")));
            }
        }
    }

    private long pendingCount() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM notify_outbox WHERE status = 'pending'");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
