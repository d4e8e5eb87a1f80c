package io.callready.collector.alert;

import java.util.Optional;

/**
 * Turns the recent sample levels of one series into "firing at severity S" or "not firing".
 * Fires when {@code count} of the last {@code window} samples breach ({@code count == window}: N consecutive);
 * a firing alert resolves only after {@code clearCount} consecutive samples fully clear of the hysteresis band,
 * so a value hovering around the threshold neither re-fires nor resolves at every sample.
 */
public record BreachRule(int count, int window, int clearCount) {
    public BreachRule {
        if (count < 1 || window < count || clearCount < 1 || window > 50 || clearCount > 50) {
            throw new IllegalArgumentException("breach rule needs 1 <= count <= window <= 50 and 1 <= clear-count <= 50, got "
                    + count + " of " + window + ", clear " + clearCount);
        }
    }

    /** How many levels a series must keep. */
    public int history() {
        return Math.max(window, clearCount);
    }

    /**
     * @param current the severity the alert fires at now, or empty when it does not fire
     * @param levels  levels of the recent samples, oldest first (see {@link Threshold#levelOf})
     * @return the severity it should fire at after these samples, or empty when it should not fire
     */
    public Optional<Severity> decide(Optional<Severity> current, int[] levels) {
        int from = Math.max(0, levels.length - window);
        int breaches = 0;
        int criticals = 0;
        for (int i = from; i < levels.length; i++) {
            breaches += levels[i] >= Threshold.WARNING_LEVEL ? 1 : 0;
            criticals += levels[i] >= Threshold.CRITICAL_LEVEL ? 1 : 0;
        }
        Optional<Severity> fromWindow = criticals >= count ? Optional.of(Severity.CRITICAL)
                : breaches >= count ? Optional.of(Severity.WARNING) : Optional.empty();
        if (current.isEmpty()) {
            return fromWindow;
        }
        if (lastAreClear(levels)) {
            return Optional.empty();
        }
        return fromWindow.or(() -> current);
    }

    private boolean lastAreClear(int[] levels) {
        if (levels.length < clearCount) {
            return false;
        }
        for (int i = levels.length - clearCount; i < levels.length; i++) {
            if (levels[i] != Threshold.CLEAR) {
                return false;
            }
        }
        return true;
    }
}
