package io.callready.agent.outbox;

import java.time.Duration;

/** Waits between delivery attempts; tests substitute one that only records. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = duration -> Thread.sleep(duration);
}
