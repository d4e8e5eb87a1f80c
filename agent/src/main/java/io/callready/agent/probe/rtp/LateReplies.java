package io.callready.agent.probe.rtp;

import java.time.Duration;

/** How long a burst waits for late replies after its last packet. */
public final class LateReplies {
    static final Duration MIN_LINGER = Duration.ofSeconds(1);
    static final Duration MAX_LINGER = Duration.ofSeconds(3);
    static final Duration DUPLICATE_GRACE = Duration.ofMillis(50);

    private LateReplies() {
    }

    /**
     * Waits max(1 s, 3 × the largest RTT seen), at most 3 s; once every packet is answered it still listens
     * {@link #DUPLICATE_GRACE} for trailing duplicates.
     *
     * @return how long it waited, in nanoseconds
     */
    public static long await(BurstLog log) throws InterruptedException {
        long start = System.nanoTime();
        int sent = log.sentCount();
        long allInAt = -1;
        while (true) {
            long now = System.nanoTime();
            if (now - start >= Math.clamp(3 * log.maxRttNanos(), MIN_LINGER.toNanos(), MAX_LINGER.toNanos())) {
                break;
            }
            if (log.answeredCount() >= sent) {
                allInAt = allInAt < 0 ? now : allInAt;
                if (now - allInAt >= DUPLICATE_GRACE.toNanos()) {
                    break;
                }
            }
            Thread.sleep(5);
        }
        return System.nanoTime() - start;
    }
}
