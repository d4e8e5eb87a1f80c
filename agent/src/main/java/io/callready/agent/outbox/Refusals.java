package io.callready.agent.outbox;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The refusals matched to what was sent. {@code matched}: refused results whose index (and id, when given) fit;
 * {@code unsure}: indices that fit a result with another id, which is then neither taken as stored nor
 * quarantined but stays queued (a resend is harmless). An index out of range names nothing.
 */
record Refusals(Map<Outbox.Entry, DeliveryOutcome.RefusedResult> matched, Set<Outbox.Entry> unsure) {
    private static final Logger LOG = Logger.getLogger(Shipper.class.getName());

    /** Whether the collector named this result at all (so it was not stored). */
    boolean named(Outbox.Entry e) {
        return matched.containsKey(e) || unsure.contains(e);
    }

    static Refusals match(List<Outbox.Entry> batch, List<DeliveryOutcome.RefusedResult> refused) {
        Map<Outbox.Entry, DeliveryOutcome.RefusedResult> matched = new LinkedHashMap<>();
        Set<Outbox.Entry> unsure = new HashSet<>();
        for (DeliveryOutcome.RefusedResult r : refused) {
            if (r.index() < 0 || r.index() >= batch.size()) {
                LOG.warning("collector refused result index " + r.index() + " of a batch of " + batch.size() + "; ignored");
                continue;
            }
            Outbox.Entry entry = batch.get(r.index());
            if (r.id() != null && !r.id().equals(entry.result().id().toString())) {
                LOG.warning("collector refused index " + r.index() + " as result " + r.id() + " but it is "
                        + entry.result().id() + "; the result stays queued");
                unsure.add(entry);
                continue;
            }
            matched.put(entry, r);
        }
        return new Refusals(matched, unsure);
    }
}
