package io.callready.collector.alert;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SeriesTimeline} against the rule applied sample by sample and an outcome derived here from the list of
 * states alone (a different route: states first, then episodes, updates and what is said), for every rule shape the
 * configuration allows up to a window of 7, random levels, with and without an alert firing before the page.
 */
class SeriesTimelineTest {
    /** jitter_ms with the default thresholds (20 / 30, 10 % hysteresis): a value per level, clear to critical. */
    private static final double[] VALUE_OF_LEVEL = {5, 19, 25, 35};
    private static final Threshold JITTER = AlertMetric.JITTER_MS.defaults();
    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 12, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void everySampleAndTheOutcomeFollowTheRule() {
        Random rnd = new Random(15);
        int cases = 0;
        int flips = 0;
        for (int window = 1; window <= 7; window++) {
            for (int count = 1; count <= window; count++) {
                for (int clear = 1; clear <= 7; clear++) {
                    BreachRule rule = new BreachRule(count, window, clear);
                    for (int run = 0; run < 40; run++) {
                        flips += check(rule, rnd);
                        cases++;
                    }
                }
            }
        }
        assertThat(cases).isEqualTo(28 * 7 * 40);
        assertThat(flips).as("samples that both breach and clear").isPositive();
    }

    /** A hand-worked page: 3 of 5, clear after 2; the alert was firing at warning and announced. */
    @Test
    void aWorkedPage() {
        BreachRule rule = new BreachRule(3, 5, 2);
        UUID id = UUID.randomUUID();
        SeriesTimeline t = new SeriesTimeline(rule, 0.1, new int[] {2, 2, 2}, Optional.of(new SeriesTimeline.Firing(id, Severity.WARNING, true, false)));
        // 3 3 3: critical at the third; 0 0: resolved (the window still holds three criticals); 2: the window
        // [3 3 0 0 2] breaches three times, so it fires again at once, at warning (two criticals); 2 2 1: firing on
        int[] levels = {3, 3, 3, 0, 0, 2, 2, 2, 1};
        for (int i = 0; i < levels.length; i++) {
            t.add(sample(i, levels[i]));
        }
        assertThat(t.states()).containsExactly(Optional.of(Severity.WARNING), Optional.of(Severity.WARNING), Optional.of(Severity.CRITICAL),
                Optional.of(Severity.CRITICAL), Optional.empty(), Optional.of(Severity.WARNING), Optional.of(Severity.WARNING),
                Optional.of(Severity.WARNING), Optional.of(Severity.WARNING));
        assertThat(t.continued()).contains(new SeriesTimeline.Alert(Severity.CRITICAL, 5.0, 30.0, true));
        assertThat(t.opened()).containsExactly(new SeriesTimeline.Alert(Severity.WARNING, 19.0, 20.0, false));
        assertThat(t.spoken()).containsExactly(
                new SeriesTimeline.Spoken(T0.plusSeconds(2), id, false, Severity.CRITICAL, 35, 30),
                new SeriesTimeline.Spoken(T0.plusSeconds(4), id, true, Severity.CRITICAL, 5, 30));
        assertThat(t.levels()).containsExactly(0, 2, 2, 2, 1);
        assertThat(t.lastStartedAt()).isEqualTo(T0.plusSeconds(8));
    }

    @Test
    void anAlertResolvedByItsFirstSampleKeepsItsValues() {
        SeriesTimeline t = new SeriesTimeline(new BreachRule(1, 1, 1), 0.1, new int[] {3},
                Optional.of(new SeriesTimeline.Firing(UUID.randomUUID(), Severity.CRITICAL, false, false)));
        t.add(sample(0, 0));
        assertThat(t.continued()).contains(new SeriesTimeline.Alert(null, null, null, true));
        assertThat(t.spoken()).as("not announced: nothing to say").isEmpty();
    }

    private static int check(BreachRule rule, Random rnd) {
        int[] stored = rnd.ints(rnd.nextInt(rule.history() + 1), 0, 4).toArray();
        boolean wasFiring = rnd.nextBoolean();
        Optional<Severity> initial = wasFiring ? Optional.of(rnd.nextBoolean() ? Severity.WARNING : Severity.CRITICAL) : Optional.empty();
        boolean announced = rnd.nextBoolean();
        boolean inIncident = rnd.nextBoolean();
        UUID id = UUID.randomUUID();
        SeriesTimeline t = new SeriesTimeline(rule, 0.1, stored,
                initial.map(s -> new SeriesTimeline.Firing(id, s, announced, inIncident)));
        int n = 1 + rnd.nextInt(16);
        List<Integer> history = new ArrayList<>(Arrays.stream(stored).boxed().toList());
        List<Optional<Severity>> states = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        Optional<Severity> state = initial;
        int flips = 0;
        for (int i = 0; i < n; i++) {
            int level = rnd.nextInt(4);
            levels.add(level);
            t.add(sample(i, level));
            history.add(level);
            int[] recent = history.subList(Math.max(0, history.size() - rule.history()), history.size()).stream().mapToInt(Integer::intValue).toArray();
            Optional<Severity> decided = rule.decide(state, recent);
            flips += state.isPresent() && decided.isEmpty() && rule.decide(Optional.empty(), recent).isPresent() ? 1 : 0;
            state = decided;
            states.add(decided);
        }
        String what = rule + " stored " + Arrays.toString(stored) + " firing " + initial + " levels " + levels;
        assertThat(t.states()).as(what).isEqualTo(states);
        assertThat(Arrays.stream(t.levels()).boxed().toList()).as(what)
                .isEqualTo(history.subList(Math.max(0, history.size() - rule.history()), history.size()));
        assertThat(t.lastStartedAt()).isEqualTo(T0.plusSeconds(n - 1));
        expectOutcome(t, what, initial, id, announced, inIncident, states, levels);
        return flips;
    }

    /** Episodes from the states: the prefix while the old alert still fires (then its resolve), then each run of firing states. */
    private static void expectOutcome(SeriesTimeline t, String what, Optional<Severity> initial, UUID id, boolean announced,
                                      boolean inIncident, List<Optional<Severity>> states, List<Integer> levels) {
        int firstFree = 0;
        if (initial.isPresent()) {
            while (firstFree < states.size() && states.get(firstFree).isPresent()) {
                firstFree++;
            }
            boolean resolved = firstFree < states.size();
            SeriesTimeline.Alert continued = firstFree == 0 ? new SeriesTimeline.Alert(null, null, null, true)
                    : alertAt(states.get(firstFree - 1).orElseThrow(), levels.get(firstFree - 1), resolved);
            assertThat(t.continued()).as(what).contains(continued);
            List<SeriesTimeline.Spoken> said = new ArrayList<>();
            Severity before = initial.get();
            for (int i = 0; i < Math.min(states.size(), firstFree + 1) && announced; i++) {
                Optional<Severity> s = states.get(i);
                if (s.isEmpty()) {
                    said.add(new SeriesTimeline.Spoken(T0.plusSeconds(i), id, true, before, VALUE_OF_LEVEL[levels.get(i)], JITTER.thresholdFor(before)));
                } else if (s.get() != before && !inIncident) {
                    said.add(new SeriesTimeline.Spoken(T0.plusSeconds(i), id, false, s.get(), VALUE_OF_LEVEL[levels.get(i)], JITTER.thresholdFor(s.get())));
                }
                before = s.orElse(before);
            }
            assertThat(t.spoken()).as(what).isEqualTo(said);
        } else {
            assertThat(t.continued()).as(what).isEmpty();
            assertThat(t.spoken()).as(what).isEmpty();
        }
        List<SeriesTimeline.Alert> opened = new ArrayList<>();
        for (int i = firstFree; i < states.size(); i++) {
            if (states.get(i).isPresent() && (i == 0 || states.get(i - 1).isEmpty())) {
                int last = i;
                while (last + 1 < states.size() && states.get(last + 1).isPresent()) {
                    last++;
                }
                opened.add(alertAt(states.get(last).orElseThrow(), levels.get(last), last + 1 < states.size()));
                i = last;
            }
        }
        assertThat(t.opened()).as(what).isEqualTo(opened);
    }

    private static SeriesTimeline.Alert alertAt(Severity s, int level, boolean resolved) {
        return new SeriesTimeline.Alert(s, VALUE_OF_LEVEL[level], JITTER.thresholdFor(s), resolved);
    }

    private static SeriesTimeline.Sample sample(int i, int level) {
        return new SeriesTimeline.Sample(T0.plusSeconds(i), VALUE_OF_LEVEL[level], JITTER);
    }
}
