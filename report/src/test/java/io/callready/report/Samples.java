package io.callready.report;

import io.callready.advice.QualitySample;

import java.time.Instant;

/** Test samples: one burst with the figures the report reads. */
public final class Samples {
    public static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    private Samples() {
    }

    public static QualitySample burst(int minute, double jitterUpMs, double jitterDownMs, double lossUp, double lossDown,
                                      double rttMs, double mosUp, double mosDown) {
        return new QualitySample(T0.plusSeconds(60L * minute), "reflector", null, null, "unknown", lossUp, lossDown,
                jitterUpMs, jitterDownMs, 0.0, 0.0, 500.0, rttMs, Math.min(mosUp, mosDown), mosUp, mosDown);
    }

    /** A clean link: every figure in the good band. */
    public static QualitySample good(int minute) {
        return burst(minute, 3, 4, 0, 0.001, 25, 4.35, 4.3);
    }
}
