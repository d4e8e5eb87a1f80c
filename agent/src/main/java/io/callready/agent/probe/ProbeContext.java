package io.callready.agent.probe;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * What a probe run gets from its caller.
 *
 * @param agentId  goes into every result
 * @param clock    wall clock for {@code startedAt}; intervals are measured with {@link System#nanoTime()}
 * @param progress human-readable progress lines (the one-shot CLI prints them on stderr; the service ignores them)
 */
public record ProbeContext(String agentId, Clock clock, Consumer<String> progress) {

    public static ProbeContext quiet(String agentId) {
        return new ProbeContext(agentId, Clock.systemUTC(), message -> {
        });
    }
}
