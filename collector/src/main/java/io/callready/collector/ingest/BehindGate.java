package io.callready.collector.ingest;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Backpressure from the alert evaluation: while it is behind ingest, at most {@code turns} batches are written at
 * once and the others wait their turn (first come, first served) for up to {@code wait}. On a collector whose
 * database is the bottleneck every batch written beside the evaluator takes CPU from it, so the evaluator falls
 * further behind however fast it is; waiting batches slow the agents down (their outboxes keep every result), and
 * alerts stay timely. When the evaluation is not behind the gate is open.
 */
final class BehindGate {
    /** A turn to write: closed once the batch is written. */
    interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    private static final Turn OPEN = () -> {
    };

    private final Semaphore turns;
    private final Duration wait;
    private final BooleanSupplier behind;

    BehindGate(int turns, Duration wait, BooleanSupplier behind) {
        this.turns = new Semaphore(turns, true);
        this.wait = wait;
        this.behind = behind;
    }

    /**
     * @return a turn (at once while the evaluation keeps up), or null when none came within the wait
     */
    Turn enter() throws InterruptedException {
        if (!behind.getAsBoolean()) {
            return OPEN;
        }
        if (!turns.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
            return null;
        }
        return turns::release;
    }
}
