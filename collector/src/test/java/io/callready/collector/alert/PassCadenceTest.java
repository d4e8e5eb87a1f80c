package io.callready.collector.alert;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PassCadenceTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aRunStartsEveryHalfInterval() {
        PassCadence cadence = PassCadence.of("10s");
        long t = 123 * SECOND;
        assertTrue(cadence.due(t), "the first tick");
        cadence.started(t);
        assertFalse(cadence.due(t + SECOND));
        assertFalse(cadence.due(t + 5 * SECOND - 1));
        assertTrue(cadence.due(t + 5 * SECOND));
        cadence.started(t + 7 * SECOND);
        assertFalse(cadence.due(t + 11 * SECOND), "counted from the last start, not from the schedule");
        assertTrue(cadence.due(t + 12 * SECOND));
    }

    @Test
    void offNeverStartsARun() {
        PassCadence cadence = PassCadence.of(" OFF ");
        assertFalse(cadence.due(0));
        assertFalse(cadence.due(Long.MAX_VALUE / 2));
    }

    @Test
    void acceptsTheSchedulersDurationForms() {
        for (String every : new String[]{"1s", "PT2M", "1m", "2h", "1d"}) {
            PassCadence cadence = PassCadence.of(every);
            cadence.started(0);
            assertTrue(cadence.due(Long.MAX_VALUE / 2), every);
        }
    }

    @Test
    void aBadIntervalNamesTheKey() {
        for (String every : new String[]{"ten", "0s", "-5s", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PassCadence.of(every));
            assertEquals("callready.alerts.evaluate-every: '" + every + "' is neither \"off\" nor a positive duration such as 10s", e.getMessage());
        }
    }

    @Test
    void aLockHeldElsewhereLeavesTheSlotForTheNextTick() {
        PassCadence cadence = PassCadence.of("10s");
        ScriptedPass pass = new ScriptedPass(List.of(false, true), false);
        long t = 40 * SECOND;
        assertEquals(0, cadence.tick(t, pass), "the other collector's pass holds the lock");
        assertEquals(1, cadence.tick(t + SECOND, pass), "tried again one tick later, not half an interval later");
        assertEquals(2, pass.evaluations);
        assertEquals(0, cadence.tick(t + 2 * SECOND, pass), "a pass that ran uses the slot");
        assertEquals(0, cadence.tick(t + 6 * SECOND - 1, pass));
        assertEquals(2, pass.evaluations);
    }

    @Test
    void aFailedPassUsesTheSlotAndIsRethrown() {
        PassCadence cadence = PassCadence.of("10s");
        ScriptedPass pass = new ScriptedPass(List.of(), false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cadence.tick(0, pass));
        assertEquals("database gone", e.getMessage());
        assertEquals(0, cadence.tick(SECOND, pass), "a failing database is not retried every tick");
        assertThrows(IllegalStateException.class, () -> cadence.tick(5 * SECOND, pass));
    }

    @Test
    void aBacklogIsWorkedOffPageAfterPageUpToTheLimit() {
        PassCadence cadence = PassCadence.of("10s");
        List<Boolean> ran = Collections.nCopies(PassCadence.MAX_PAGES_PER_RUN + 5, true);
        ScriptedPass pass = new ScriptedPass(ran, true);
        assertEquals(PassCadence.MAX_PAGES_PER_RUN, cadence.tick(0, pass));
        assertEquals(PassCadence.MAX_PAGES_PER_RUN, pass.evaluations);
    }

    @Test
    void aLockLostBetweenPagesEndsTheRun() {
        PassCadence cadence = PassCadence.of("10s");
        ScriptedPass pass = new ScriptedPass(List.of(true, true, false, true), true);
        assertEquals(2, cadence.tick(0, pass));
        assertEquals(3, pass.evaluations);
        assertEquals(0, cadence.tick(SECOND, pass), "the run counted: its slot is used");
    }

    @Test
    void noBacklogMeansOnePass() {
        PassCadence cadence = PassCadence.of("10s");
        ScriptedPass pass = new ScriptedPass(List.of(true, true), false);
        assertEquals(1, cadence.tick(0, pass));
        assertEquals(1, pass.evaluations);
    }

    @Test
    void offNeverEvaluates() {
        ScriptedPass pass = new ScriptedPass(List.of(true), false);
        assertEquals(0, PassCadence.of("off").tick(0, pass));
        assertEquals(0, pass.evaluations);
    }

    /** Answers each evaluation from a script (true: ran, false: lock held); past its end a pass fails. */
    private static final class ScriptedPass implements PassCadence.Pass {
        private final Deque<Boolean> outcomes;
        private final boolean backlogWaits;
        int evaluations;

        ScriptedPass(List<Boolean> outcomes, boolean backlogWaits) {
            this.outcomes = new ArrayDeque<>(outcomes);
            this.backlogWaits = backlogWaits;
        }

        @Override
        public boolean evaluate() {
            evaluations++;
            if (outcomes.isEmpty()) {
                throw new IllegalStateException("database gone");
            }
            return outcomes.removeFirst();
        }

        @Override
        public boolean backlogWaits() {
            return backlogWaits;
        }
    }
}
