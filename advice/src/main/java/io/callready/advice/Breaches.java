package io.callready.advice;

/** Whether a quality sample broke a threshold in one direction. */
public final class Breaches {
    private Breaches() {
    }

    /** True when any measured metric of the direction breaches its threshold. */
    public static boolean any(QualitySample s, Direction d, AdviceSettings settings) {
        for (QualityMetric m : QualityMetric.values()) {
            if (of(s, d, m, settings)) {
                return true;
            }
        }
        return false;
    }

    public static boolean of(QualitySample s, Direction d, QualityMetric m, AdviceSettings settings) {
        Double v = m.value(s, d);
        return v != null && m.breaches(v, settings);
    }
}
