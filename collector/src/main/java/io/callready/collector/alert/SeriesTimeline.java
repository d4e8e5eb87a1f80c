package io.callready.collector.alert;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One (site, target, metric) series through a page of new samples, oldest first: each sample's level is appended to
 * the series' stored recent levels and {@link BreachRule#decide} says whether the alert fires after it, and at which
 * severity. What the page leaves behind: the levels to store, the update of the alert that was firing before the
 * page (episode 0), the alerts the page opened (episodes 1…, each resolved again when a later sample of the page
 * cleared it), and what an announced alert says out loud (a resolve, or a new severity while it is not yet part of
 * an incident). Pure: {@link SeriesSteps} reads the samples and writes the outcome.
 */
final class SeriesTimeline {
    /** The alert firing on this series before the page. */
    record Firing(UUID alertId, Severity severity, boolean announced, boolean inIncident) {
    }

    /** A sample: its start time, value and the thresholds in force for it. */
    record Sample(OffsetDateTime startedAt, double value, Threshold threshold) {
    }

    /**
     * An alert after the page's samples: severity, value and threshold of its latest firing sample (all null when it
     * had none in the page: it was resolved by its first), and whether a sample resolved it.
     */
    record Alert(Severity severity, Double value, Double threshold, boolean resolved) {
    }

    /** A sample of the announced alert that has something to say. */
    record Spoken(OffsetDateTime startedAt, UUID alertId, boolean resolves, Severity severity, double value, double threshold) {
    }

    private final BreachRule rule;
    private final double hysteresisRatio;
    private final Optional<Firing> firing;
    private int[] levels;
    private Optional<Severity> current;
    private OffsetDateTime lastStartedAt;
    /** The update of {@link #firing}: null until one of its samples fires or resolves it. */
    private Alert continued;
    private final List<Alert> opened = new ArrayList<>();
    private final List<Spoken> spoken = new ArrayList<>();
    private final List<Optional<Severity>> states = new ArrayList<>();

    SeriesTimeline(BreachRule rule, double hysteresisRatio, int[] storedLevels, Optional<Firing> firing) {
        this.rule = rule;
        this.hysteresisRatio = hysteresisRatio;
        this.firing = firing;
        this.levels = storedLevels.clone();
        this.current = firing.map(Firing::severity);
    }

    /** Feeds the next sample (samples come oldest first; a caller drops those no newer than the series' newest). */
    void add(Sample s) {
        levels = appended(levels, s.threshold().levelOf(s.value(), hysteresisRatio), rule.history());
        Optional<Severity> before = current;
        Optional<Severity> after = rule.decide(before, levels);
        current = after;
        lastStartedAt = s.startedAt();
        states.add(after);
        if (before.isEmpty() && after.isPresent()) {
            opened.add(firingAt(after.get(), s));
        } else if (!opened.isEmpty()) {
            Alert episode = opened.getLast();
            if (!episode.resolved()) {
                opened.set(opened.size() - 1, after.map(severity -> firingAt(severity, s)).orElseGet(() -> resolved(episode)));
            }
        } else if (firing.isPresent() && before.isPresent()) {
            Firing f = firing.get();
            continued = after.map(severity -> firingAt(severity, s)).orElseGet(() -> resolved(continued));
            if (f.announced() && (after.isEmpty() || (after.get() != before.get() && !f.inIncident()))) {
                Severity severity = after.orElse(before.get());
                spoken.add(new Spoken(s.startedAt(), f.alertId(), after.isEmpty(), severity, s.value(), s.threshold().thresholdFor(severity)));
            }
        }
    }

    private static Alert firingAt(Severity severity, Sample s) {
        return new Alert(severity, s.value(), s.threshold().thresholdFor(severity), false);
    }

    /** Resolved, keeping the severity, value and threshold of its latest firing sample (none when it had none in the page). */
    private static Alert resolved(Alert lastFiring) {
        return lastFiring == null ? new Alert(null, null, null, true)
                : new Alert(lastFiring.severity(), lastFiring.value(), lastFiring.threshold(), true);
    }

    private static int[] appended(int[] levels, int level, int keep) {
        int[] out = Arrays.copyOfRange(levels, Math.max(0, levels.length + 1 - keep), levels.length + 1);
        out[out.length - 1] = level;
        return out;
    }

    /** The levels to store: the last {@link BreachRule#history()} of stored and new. */
    int[] levels() {
        return levels.clone();
    }

    OffsetDateTime lastStartedAt() {
        return lastStartedAt;
    }

    Optional<Firing> firing() {
        return firing;
    }

    /** The update of the alert firing before the page, if any of its samples came while it fired. */
    Optional<Alert> continued() {
        return Optional.ofNullable(continued);
    }

    /** The alerts the page opened, oldest first; all but the last are resolved. */
    List<Alert> opened() {
        return List.copyOf(opened);
    }

    List<Spoken> spoken() {
        return List.copyOf(spoken);
    }

    /** The alert's state after each sample: its severity while firing, empty when not. */
    List<Optional<Severity>> states() {
        return List.copyOf(states);
    }
}
