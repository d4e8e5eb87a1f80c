package io.callready.agent.outbox;

import io.callready.wire.result.ProbeResult;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Moves results from the {@link Outbox} to the collector, oldest first, in batches, and never discards a good one:
 * <ul>
 * <li>accepted results are deleted; results the collector refuses by index are quarantined, each with its reason;
 * <li>a batch refused with a 4xx that names no result is split in halves, shipped half by half, until the result at
 * fault stands alone, and that one is quarantined;
 * <li>a batch that gets a 5xx (other than 503/504) {@code serverFailureLimit} times in a row is split the same way;
 * a lone result is quarantined for it after its own {@code serverFailureLimit} 5xx in a row;
 * <li>a lone result is quarantined only when refused just after the collector stored another batch, else it waits
 * for that proof: a collector (or a proxy before it) that refuses or fails on everything quarantines nothing;
 * <li>no connection, timeouts, 408/429/503/504, Retry-After, a refused token or a wrong URL: everything stays queued
 * and the same work is tried again after a wait (Retry-After if given, else exponential backoff).
 * </ul>
 */
public final class Shipper implements AutoCloseable {
    /** 5xx in a row for the same batch before it counts as holding a poison result. */
    public static final int DEFAULT_SERVER_FAILURE_LIMIT = 3;

    private static final Logger LOG = Logger.getLogger(Shipper.class.getName());

    private final Outbox outbox;
    private final CollectorClient client;
    private final int batchSize;
    private final Duration shipInterval;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final int serverFailureLimit;
    private final SuspectQueue suspects = new SuspectQueue();
    private final RefusalParser problems = new RefusalParser();
    private final Object wakeLock = new Object();
    private final Object shipLock = new Object();
    private boolean wakeRequested;
    private volatile boolean stopping;
    private volatile Thread thread;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong splits = new AtomicLong();
    /** The 5xx streak of the fresh batch starting with this file. */
    private Path freshHead;
    private int freshServerFailures;
    /** Whether the collector's last answer was a 2xx: proof that it stores other results right now. */
    private boolean lastAccepted;

    public Shipper(Outbox outbox, CollectorClient client, int batchSize, Duration shipInterval, Sleeper sleeper, Backoff backoff) {
        this(outbox, client, batchSize, shipInterval, sleeper, backoff, DEFAULT_SERVER_FAILURE_LIMIT);
    }

    public Shipper(Outbox outbox, CollectorClient client, int batchSize, Duration shipInterval, Sleeper sleeper, Backoff backoff,
                   int serverFailureLimit) {
        if (serverFailureLimit < 1) {
            throw new IllegalArgumentException("serverFailureLimit must be at least 1, got " + serverFailureLimit);
        }
        this.outbox = outbox;
        this.client = client;
        this.batchSize = batchSize;
        this.shipInterval = shipInterval;
        this.sleeper = sleeper;
        this.backoff = backoff;
        this.serverFailureLimit = serverFailureLimit;
    }

    private sealed interface Step {
    }

    private record Empty() implements Step {
    }

    private record Progress() implements Step {
    }

    private record Wait(Duration delay) implements Step {
    }

    /** A batch to send: a fresh one from the outbox ({@code part} null) or a part of a split batch. */
    private record Work(List<Outbox.Entry> batch, SuspectQueue.Part part) {
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
            // keep going while batches are accepted, quarantined or split
        }
    }

    private Step shipOneBatch() {
        synchronized (shipLock) {
            if (stopping && Thread.currentThread() == thread) {
                // close() ships what is left itself
                return new Empty();
            }
            return shipOneBatchLocked();
        }
    }

    private Step shipOneBatchLocked() {
        Work work;
        try {
            suspects.retainPending(outbox::contains);
            work = nextWork();
        } catch (IOException e) {
            LOG.warning("cannot read the outbox " + outbox.pendingDir() + ": " + e.getMessage());
            return new Wait(backoff.next());
        }
        if (work == null) {
            return new Empty();
        }
        DeliveryOutcome outcome = client.send(work.batch().stream().map(Outbox.Entry::result).toList());
        boolean acceptedBefore = lastAccepted;
        lastAccepted = outcome instanceof DeliveryOutcome.Accepted;
        try {
            return switch (outcome) {
                case DeliveryOutcome.Accepted a -> accepted(work, a);
                case DeliveryOutcome.ResultsRefused r -> resultsRefused(work, r, acceptedBefore);
                case DeliveryOutcome.BatchRefused r -> batchRefused(work, r, acceptedBefore);
                case DeliveryOutcome.ServerFailed f -> serverFailed(work, f, acceptedBefore);
                case DeliveryOutcome.Retry retry -> {
                    Duration backoffDelay = backoff.next();
                    Duration delay = retry.retryAfter().orElse(backoffDelay);
                    LOG.warning(String.format(Locale.ROOT, "could not ship %d results: %s; retrying in %.1f s%s",
                            work.batch().size(), retry.why(), delay.toMillis() / 1000.0,
                            retry.retryAfter().isPresent() ? " (Retry-After)" : ""));
                    yield new Wait(delay);
                }
            };
        } catch (IOException e) {
            LOG.warning("cannot update the outbox after delivery: " + e.getMessage());
            return new Wait(backoff.next());
        }
    }

    /**
     * Parts of split batches go before fresh batches; a lone result waiting for proof that the collector stores other
     * results goes first right after such proof, and otherwise only when nothing else is left.
     */
    private Work nextWork() throws IOException {
        Predicate<SuspectQueue.Part> waiting = p -> p.awaitingProof;
        Optional<SuspectQueue.Part> part = lastAccepted ? suspects.first(waiting) : Optional.empty();
        if (part.isEmpty()) {
            part = suspects.first(waiting.negate());
        }
        if (part.isEmpty()) {
            List<Outbox.Entry> fresh = outbox.oldest(batchSize, suspects.files());
            if (!fresh.isEmpty()) {
                return new Work(fresh, null);
            }
            part = suspects.first(waiting);
        }
        return part.map(p -> new Work(p.entries, p)).orElse(null);
    }

    private Step accepted(Work work, DeliveryOutcome.Accepted a) throws IOException {
        Refusals refused = Refusals.match(work.batch(), a.refused());
        List<Outbox.Entry> stored = work.batch().stream().filter(e -> !refused.named(e)).toList();
        outbox.remove(stored);
        boolean kept = true;
        for (var r : refused.matched().entrySet()) {
            kept &= quarantine(r.getKey(), QuarantineReason.collector(a.status(),
                    "the collector stored the rest of the batch but refused this result", r.getValue().errors()));
        }
        if (work.part() != null) {
            suspects.remove(work.part());
        }
        freshHead = null;
        backoff.reset();
        delivered.addAndGet(stored.size());
        LOG.fine("shipped " + stored.size() + " results (HTTP " + a.status() + "), " + refused.matched().size() + " refused");
        return afterQuarantine(kept);
    }

    private Step resultsRefused(Work work, DeliveryOutcome.ResultsRefused r, boolean acceptedBefore) throws IOException {
        Map<Outbox.Entry, DeliveryOutcome.RefusedResult> refused = Refusals.match(work.batch(), r.refused()).matched();
        if (refused.isEmpty()) {
            // the indices fit nothing that was sent: as good as naming no result
            return batchRefused(work, new DeliveryOutcome.BatchRefused(r.status(), r.body()), acceptedBefore);
        }
        boolean kept = true;
        for (var rr : refused.entrySet()) {
            kept &= quarantine(rr.getKey(), QuarantineReason.collector(r.status(),
                    "the collector refused this result: " + problems.summary(r.body()), rr.getValue().errors()));
        }
        if (work.part() != null) {
            suspects.replace(work.part(), work.batch().stream().filter(e -> !refused.containsKey(e)).toList());
        }
        return afterQuarantine(kept);
    }

    private Step batchRefused(Work work, DeliveryOutcome.BatchRefused r, boolean acceptedBefore) {
        if (work.batch().size() > 1) {
            split(work, "HTTP " + r.status() + " naming no result (" + problems.summary(r.body()) + ")");
            return new Progress();
        }
        if (!acceptedBefore) {
            return awaitProof(work, "HTTP " + r.status() + " (" + problems.summary(r.body()) + ")", 0);
        }
        boolean kept = quarantine(work.batch().getFirst(), QuarantineReason.collector(r.status(),
                "the collector refused it on its own: " + problems.summary(r.body()), problems.fieldErrors(r.body())));
        if (work.part() != null) {
            suspects.remove(work.part());
        }
        return afterQuarantine(kept);
    }

    private Step serverFailed(Work work, DeliveryOutcome.ServerFailed f, boolean acceptedBefore) throws IOException {
        int failures;
        if (work.part() != null) {
            failures = ++work.part().serverFailures;
        } else {
            Path head = work.batch().getFirst().file();
            freshServerFailures = head.equals(freshHead) ? freshServerFailures + 1 : 1;
            freshHead = head;
            failures = freshServerFailures;
        }
        if (failures >= serverFailureLimit && work.batch().size() > 1) {
            freshHead = null;
            split(work, failures + " HTTP " + f.status() + " in a row");
            // the split is progress: its halves start on the short end of the backoff
            backoff.reset();
            return new Progress();
        }
        if (failures >= serverFailureLimit && acceptedBefore) {
            boolean kept = quarantine(work.batch().getFirst(), QuarantineReason.collector(f.status(), "collector failed on it with HTTP "
                    + f.status() + " " + failures + " times while it stored other results: " + problems.summary(f.body()), List.of()));
            if (work.part() != null) {
                suspects.remove(work.part());
            }
            return afterQuarantine(kept);
        }
        if (failures >= serverFailureLimit) {
            return awaitProof(work, failures + " HTTP " + f.status() + " in a row", failures);
        }
        Duration delay = backoff.next();
        LOG.warning(String.format(Locale.ROOT, "collector failed on %d results with HTTP %d (%d in a row): %s; retrying in %.1f s",
                work.batch().size(), f.status(), failures, problems.summary(f.body()), delay.toMillis() / 1000.0));
        return new Wait(delay);
    }

    /** A lone result refused while nothing proves the collector stores others: others go first, then it is tried again. */
    private Step awaitProof(Work work, String why, int serverFailures) {
        if (work.part() != null) {
            work.part().awaitingProof = true;
        } else {
            freshHead = null;
            suspects.awaitProof(work.batch(), serverFailures);
        }
        Duration delay = backoff.next();
        LOG.warning(String.format(Locale.ROOT, "collector refused result %s with %s; it is quarantined if refused again "
                + "once the collector has stored other results; next try in %.1f s", work.batch().getFirst().result().id(),
                why, delay.toMillis() / 1000.0));
        return new Wait(delay);
    }

    private void split(Work work, String why) {
        splits.incrementAndGet();
        suspects.split(work.batch(), work.part());
        LOG.warning("collector refused a batch of " + work.batch().size() + " results with " + why
                + "; shipping it in halves to find the result at fault");
    }

    /** @return false when the quarantine file could not be written; the result then stays pending */
    private boolean quarantine(Outbox.Entry entry, QuarantineReason reason) {
        try {
            Optional<Path> file = outbox.quarantine(entry, reason);
            if (file.isPresent()) {
                quarantined.incrementAndGet();
                ProbeResult r = entry.result();
                LOG.severe("quarantined result " + r.id() + " (" + r.kind().wireName() + " " + r.target() + "): "
                        + reason.summary() + "; kept in " + file.get());
            }
            return true;
        } catch (IOException e) {
            LOG.warning("cannot quarantine result " + entry.result().id() + " in " + outbox.quarantineDir() + ": "
                    + e.getMessage() + "; it stays queued");
            return false;
        }
    }

    /** A result that could not be set aside will be refused again: wait rather than ask at once (e.g. a full disk). */
    private Step afterQuarantine(boolean kept) {
        return kept ? new Progress() : new Wait(backoff.next());
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
            // never in the middle of a shipment: cut short, its results would be sent again though the collector
            // may have them; the one in flight finishes first (bounded by the request timeout)
            synchronized (shipLock) {
                t.interrupt();
            }
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        flushOnce();
    }

    /** Results the collector stored, since start. */
    public long deliveredCount() {
        return delivered.get();
    }

    /** Results this shipper set aside in the outbox's quarantine because the collector refused them. */
    public long quarantinedCount() {
        return quarantined.get();
    }

    /** Batches split in halves to find a result at fault. */
    public long splitCount() {
        return splits.get();
    }
}
