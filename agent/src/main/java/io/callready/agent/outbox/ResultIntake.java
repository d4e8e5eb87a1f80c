package io.callready.agent.outbox;

import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultRules;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The way into the outbox for a fresh result: it is checked with the collector's own rules first
 * ({@link ResultRules}, the default time window around the agent clock). A result that breaks them is a probe bug:
 * it is quarantined with the rules it breaks, logged once at SEVERE and counted, never sent and never patched up.
 * Every result taken in is noted in the {@link ProducedJournal}.
 */
public final class ResultIntake {
    private static final Logger LOG = Logger.getLogger(ResultIntake.class.getName());

    private final Outbox outbox;
    private final Clock clock;
    private final ResultRules.Window window;
    private final ProducedJournal journal;
    private final AtomicLong invalid = new AtomicLong();

    public ResultIntake(Outbox outbox, Clock clock, ResultRules.Window window, ProducedJournal journal) {
        this.outbox = outbox;
        this.clock = clock;
        this.window = window;
        this.journal = journal;
    }

    /** @return true when the result was queued for the collector, false when it was quarantined */
    public boolean take(ProbeResult result) throws IOException {
        List<ResultRules.Violation> violations = ResultRules.check(result, clock.instant(), window);
        if (violations.isEmpty()) {
            outbox.add(result);
            journal.note(result, "queued");
            return true;
        }
        QuarantineReason reason = QuarantineReason.agent(violations.stream()
                .map(v -> new DeliveryOutcome.FieldError(v.field(), v.message())).toList());
        Path file = outbox.quarantineUnqueued(result, reason);
        invalid.incrementAndGet();
        journal.note(result, "quarantined");
        LOG.severe("probe " + result.kind().wireName() + " produced an invalid result " + result.id() + " for "
                + result.target() + " (" + reason.summary() + "); not sent, kept in " + file);
        return false;
    }

    /** Results that failed the rules and were quarantined before queueing, since start. */
    public long invalidCount() {
        return invalid.get();
    }

    public Outbox outbox() {
        return outbox;
    }
}
