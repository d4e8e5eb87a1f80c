package io.callready.collector.alert;

import org.junit.jupiter.api.Test;

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
}
