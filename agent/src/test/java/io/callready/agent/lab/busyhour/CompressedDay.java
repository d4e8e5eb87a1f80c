package io.callready.agent.lab.busyhour;

import io.callready.wire.result.ProbeResult;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;

/**
 * Busy minutes instead of busy hours: one real second of a lab run is one virtual minute of a working day, counted
 * from {@code realStart} = {@link #VIRTUAL_START} (08:00 on a Tuesday, in a fixed zone). Results are handed to the
 * advisor with their start times moved onto this clock; their rates and durations stay real.
 */
record CompressedDay(Instant realStart) {
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final ZonedDateTime VIRTUAL_START = ZonedDateTime.of(2026, 12, 1, 8, 0, 0, 0, ZONE);
    static final long FACTOR = 60;

    Instant virtual(Instant real) {
        Duration since = Duration.between(realStart, real);
        return VIRTUAL_START.toInstant().plus(since.multipliedBy(FACTOR));
    }

    List<ProbeResult> onVirtualClock(Collection<ProbeResult> results) {
        return results.stream().map(r -> new ProbeResult(r.id(), r.agentId(), r.kind(), r.target(), virtual(r.startedAt()),
                r.durationMs(), r.status(), r.reason(), r.metrics(), r.labels(), r.details())).toList();
    }
}
