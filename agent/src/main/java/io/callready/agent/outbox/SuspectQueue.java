package io.callready.agent.outbox;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The parts of split batches still to ship, oldest part first. A batch the collector refused without naming a
 * result, or failed on with a 5xx again and again, is split in halves until the result at fault stands alone; the
 * parts are shipped before anything newer, so the outbox keeps its oldest-first order as far as a split allows.
 */
final class SuspectQueue {
    /**
     * Part of a split batch, with how many 5xx in a row it got, and whether it is a lone result the collector
     * refused, to be quarantined only when refused again right after the collector stored something else.
     */
    static final class Part {
        final List<Outbox.Entry> entries;
        int serverFailures;
        boolean awaitingProof;

        Part(List<Outbox.Entry> entries) {
            this.entries = List.copyOf(entries);
        }
    }

    private final Deque<Part> parts = new ArrayDeque<>();

    /** Replaces {@code batch} (a part of this queue or a fresh batch) by its two halves, at the front. */
    void split(List<Outbox.Entry> batch, Part from) {
        if (from != null) {
            parts.remove(from);
        }
        int half = (batch.size() + 1) / 2;
        parts.addFirst(new Part(batch.subList(half, batch.size())));
        parts.addFirst(new Part(batch.subList(0, half)));
    }

    /** Queues a lone fresh result the collector refused, awaiting proof, behind the other parts. */
    void awaitProof(List<Outbox.Entry> batch, int serverFailures) {
        Part part = new Part(batch);
        part.serverFailures = serverFailures;
        part.awaitingProof = true;
        parts.addLast(part);
    }

    /** Puts a part back, holding only the given entries (e.g. what is left after some were quarantined). */
    void replace(Part part, List<Outbox.Entry> remaining) {
        if (remaining.isEmpty()) {
            parts.remove(part);
            return;
        }
        Part smaller = new Part(remaining);
        smaller.serverFailures = part.serverFailures;
        smaller.awaitingProof = part.awaitingProof;
        List<Part> all = List.copyOf(parts);
        parts.clear();
        all.forEach(p -> parts.add(p == part ? smaller : p));
    }

    void remove(Part part) {
        parts.remove(part);
    }

    /** Drops entries that are no longer pending (dropped by the outbox cap meanwhile), and parts left empty. */
    void retainPending(Predicate<Outbox.Entry> pending) {
        for (Part p : List.copyOf(parts)) {
            List<Outbox.Entry> still = p.entries.stream().filter(pending).toList();
            if (still.size() != p.entries.size()) {
                replace(p, still);
            }
        }
    }

    /** The first part matching {@code test}, front first. */
    Optional<Part> first(Predicate<Part> test) {
        return parts.stream().filter(test).findFirst();
    }

    Set<Path> files() {
        Set<Path> files = new HashSet<>();
        parts.forEach(p -> p.entries.forEach(e -> files.add(e.file())));
        return files;
    }
}
