package io.callready.agent.probe.lifetime;

import java.util.Optional;

/**
 * What one search found for one kind of mapping.
 *
 * @param survivedMs longest idle time after which the mapping still answered (0: none did)
 * @param expiredMs  shortest idle time after which it did not; empty when it survived the cap
 * @param problem    why the search could not run (the server did not answer), else empty
 */
public record LifetimeOutcome(MappingKind kind, long survivedMs, Optional<Long> expiredMs, long capMs, Optional<String> problem) {

    static LifetimeOutcome of(MappingKind kind, LifetimeSearch s) {
        return new LifetimeOutcome(kind, s.survivedMs(), s.expiredMs(), s.capMs(), Optional.empty());
    }

    static LifetimeOutcome failed(MappingKind kind, long capMs, String problem) {
        return new LifetimeOutcome(kind, 0, Optional.empty(), capMs, Optional.of(problem));
    }
}
