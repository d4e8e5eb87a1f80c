package io.callready.agent.outbox;

import io.callready.wire.result.ProbeResult;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Moves results from the {@link Outbox} to the collector, oldest first, in batches. Accepted batches are deleted;
 * retryable failures wait (Retry-After if the collector gave one, else exponential backoff) and try the same batch
 * again; refused batches go to the outbox's rejected directory. Nothing is dropped here.
 */
public final class Shipper implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Shipper.class.getName());

    private final Outbox outbox;
    private final CollectorClient client;
    private final int batchSize;
    private final Duration shipInterval;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final Object wakeLock = new Object();
    private boolean wakeRequested;
    private volatile boolean stopping;
    private Thread thread;
    private long delivered;
    private long rejected;

    public Shipper(Outbox outbox, CollectorClient client, int batchSize, Duration shipInterval, Sleeper sleeper, Backoff backoff) {
        this.outbox = outbox;
        this.client = client;
        this.batchSize = batchSize;
        this.shipInterval = shipInterval;
        this.sleeper = sleeper;
        this.backoff = backoff;
    }

    private sealed interface Step {
    }

    private record Empty() implements Step {
    }

    private record Progress() implements Step {
    }

    private record Wait(Duration delay) implements Step {
    }

    /** Ships until nothing is pending, waiting between retries. */
    public void shipPending() throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            switch (shipOneBatch()) {
                case Empty e -> {
                    return;
                }
                case Progress p -> {
                }
                case Wait w -> sleeper.sleep(w.delay());
            }
        }
        throw new InterruptedException();
    }

    /** One attempt per batch and no waiting, stopping at the first retryable failure: for shutdown. */
    public void flushOnce() {
        while (shipOneBatch() instanceof Progress) {
            // keep going while batches are accepted or rejected
        }
    }

    private Step shipOneBatch() {
        List<Outbox.Entry> batch;
        try {
            batch = outbox.oldest(batchSize);
        } catch (IOException e) {
            LOG.warning("cannot read the outbox " + outbox.pendingDir() + ": " + e.getMessage());
            return new Wait(backoff.next());
        }
        if (batch.isEmpty()) {
            return new Empty();
        }
        List<ProbeResult> results = batch.stream().map(Outbox.Entry::result).toList();
        DeliveryOutcome outcome = client.send(results);
        try {
            switch (outcome) {
                case DeliveryOutcome.Accepted a -> {
                    outbox.remove(batch);
                    backoff.reset();
                    delivered += batch.size();
                    LOG.fine("shipped " + batch.size() + " results (HTTP " + a.status() + ")");
                    return new Progress();
                }
                case DeliveryOutcome.Rejected r -> {
                    Path dir = outbox.reject(batch, r.status(), r.body());
                    rejected += batch.size();
                    LOG.severe("collector refused " + batch.size() + " results with HTTP " + r.status() + ": "
                            + firstLine(r.body()) + "; they are kept in " + dir + " and will not be retried");
                    return new Progress();
                }
                case DeliveryOutcome.Retry retry -> {
                    Duration backoffDelay = backoff.next();
                    Duration delay = retry.retryAfter().orElse(backoffDelay);
                    LOG.warning(String.format(Locale.ROOT, "could not ship %d results: %s; retrying in %.1f s%s",
                            batch.size(), retry.why(), delay.toMillis() / 1000.0,
                            retry.retryAfter().isPresent() ? " (Retry-After)" : ""));
                    return new Wait(delay);
                }
            }
        } catch (IOException e) {
            LOG.warning("cannot update the outbox after delivery: " + e.getMessage());
            return new Wait(backoff.next());
        }
    }

    /** Starts the background loop: ship everything, then wait for {@link #wake()} or the ship interval. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Thread.ofPlatform().name("outbox-shipper").daemon(true).start(this::loop);
    }

    private void loop() {
        while (!stopping) {
            try {
                shipPending();
                awaitWake();
            } catch (InterruptedException e) {
                if (stopping) {
                    return;
                }
            }
        }
    }

    private void awaitWake() throws InterruptedException {
        synchronized (wakeLock) {
            long deadline = System.nanoTime() + shipInterval.toNanos();
            while (!wakeRequested && !stopping) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                TimeUnit.NANOSECONDS.timedWait(wakeLock, left);
            }
            wakeRequested = false;
        }
    }

    /** New results are waiting: ship them now rather than at the next interval (retry waits still apply). */
    public void wake() {
        synchronized (wakeLock) {
            wakeRequested = true;
            wakeLock.notifyAll();
        }
    }

    /** Stops the background loop, then makes one last delivery attempt for what is pending. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            stopping = true;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        flushOnce();
    }

    public long deliveredCount() {
        return delivered;
    }

    public long rejectedCount() {
        return rejected;
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) return "(empty body)";
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
