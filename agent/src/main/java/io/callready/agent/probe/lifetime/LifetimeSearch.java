package io.callready.agent.probe.lifetime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which idle times to try next when searching how long a NAT keeps an idle UDP mapping: first a doubling ladder
 * (first, 2·first, 4·first, … up to the cap) tried in parallel, then rounds of {@code parallel} evenly spaced times
 * between the longest idle time that survived and the shortest that did not, until they are at most
 * {@code resolution} apart. Pure: the caller runs the trials and records what happened.
 *
 * <p>A batch's trials all start together and end in order of their idle time, so the caller stops a batch at its
 * first expired trial: longer ones would expire too (a NAT that forgets after T forgets after T' > T).
 */
public final class LifetimeSearch {
    private final long firstMs;
    private final long capMs;
    private final long resolutionMs;
    private final int parallel;
    private final boolean grid;
    private long survivedMs;
    private Long expiredMs;
    private boolean started;

    public LifetimeSearch(long firstMs, long capMs, long resolutionMs, int parallel) {
        this(firstMs, capMs, resolutionMs, parallel, false);
    }

    private LifetimeSearch(long firstMs, long capMs, long resolutionMs, int parallel, boolean grid) {
        if (firstMs <= 0 || capMs < firstMs || resolutionMs <= 0 || parallel < 1) {
            throw new IllegalArgumentException("need 0 < first <= cap, resolution > 0 and parallel >= 1");
        }
        this.firstMs = firstMs;
        this.capMs = capMs;
        this.resolutionMs = resolutionMs;
        this.parallel = parallel;
        this.grid = grid;
    }

    /**
     * The fast mode for short caps: one batch of every multiple of {@code stepMs} up to the cap, all at once, so the
     * search ends at the first expiry (at most the cap) already within {@code stepMs}.
     */
    public static LifetimeSearch grid(long stepMs, long capMs) {
        return new LifetimeSearch(stepMs, capMs, stepMs, 1, true);
    }

    /** The idle times (ms, ascending) to try next; empty when the search is over. */
    public List<Long> nextBatch() {
        List<Long> batch = new ArrayList<>();
        if (!started) {
            started = true;
            for (long t = firstMs; t < capMs; t = grid ? t + firstMs : t * 2) batch.add(t);
            batch.add(capMs);
            return batch;
        }
        if (grid || expiredMs == null || expiredMs - survivedMs <= resolutionMs) return batch;
        long span = expiredMs - survivedMs;
        for (int i = 1; i <= parallel; i++) {
            long t = survivedMs + span * i / (parallel + 1);
            if (t > survivedMs && t < expiredMs && (batch.isEmpty() || t > batch.getLast())) batch.add(t);
        }
        return batch;
    }

    /** What one trial found: the mapping still answered after {@code idleMs} of silence, or not. */
    public void record(long idleMs, boolean survived) {
        if (survived) {
            if (expiredMs == null || idleMs < expiredMs) survivedMs = Math.max(survivedMs, idleMs);
        } else if (expiredMs == null || idleMs < expiredMs) {
            expiredMs = idleMs;
            if (survivedMs >= idleMs) survivedMs = 0; // an earlier survivor this long contradicts it: trust the expiry
        }
    }

    /** The longest idle time seen to survive (0 when none did). */
    public long survivedMs() {
        return survivedMs;
    }

    /** The shortest idle time seen to expire; empty when the mapping survived the cap. */
    public Optional<Long> expiredMs() {
        return Optional.ofNullable(expiredMs);
    }

    public long capMs() {
        return capMs;
    }
}
