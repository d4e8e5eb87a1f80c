package io.callready.advice;

import java.time.Duration;

/**
 * Every tunable of the analysis, with the defaults in {@link #defaults()}. Tests compress time by passing a
 * shorter bucket and window and fewer days. The constructor rejects nonsense, naming the field.
 *
 * @param bucket                  busy-hour bucket (default 15 min); must divide a day
 * @param window                  busy-hour window (default 60 min); a multiple of the bucket, at most a day
 * @param days                    days of history the analysis looks at (default 14)
 * @param minSamples              quality samples needed before any verdict (default 30)
 * @param minLoadedSamples        samples at or above {@code loadedUtilisationPct} needed for a load verdict (default 10)
 * @param loadedUtilisationPct    a sample at or above this utilisation counts as loaded (default 80)
 * @param quietUtilisationPct     a sample below this utilisation is part of the quiet baseline (default 60)
 * @param lossBreachRatio         loss above this is a breach (default 0.01 = 1 %)
 * @param jitterBreachMs          jitter above this is a breach (default 30 ms)
 * @param lateDiscardBreachRatio  late discards / packets sent above this is a breach (default 0.01)
 * @param rttBreachMs             round trip above this is a breach (default 150 ms: the end of "acceptable")
 * @param mosBreach               MOS below this is a breach (default 3.6: E-model R 70, "many users dissatisfied")
 * @param congestedBreachRate     breach rate among loaded samples that calls a direction congested (default 0.3)
 * @param minBreachRateLift       loaded breach rate minus quiet breach rate needed for congestion (default 0.25)
 * @param notTrafficBreachRate    breach rate at quiet load that means dips happen without load (default 0.1)
 * @param minLossEffectRatio      smallest loss difference (loaded half − quiet half) that counts as an effect
 * @param minJitterEffectMs       smallest jitter difference that counts as an effect (default 2 ms)
 * @param minRttEffectMs          smallest round-trip difference that counts as an effect (default 20 ms)
 * @param minMosEffect            smallest MOS difference that counts as an effect (default 0.2)
 * @param confidenceLevel         of the correlation intervals (default 0.95)
 * @param kneeBandPct             width of the utilisation bands the knee is searched in (default 5)
 * @param kneeMinBandSamples      samples a band needs to be judged (default 3)
 * @param shaperFraction          shaper rate as a fraction of the line rate (default 0.90; 0.80–0.95)
 * @param priorityHeadroom        added to calls × per-call rate (default 0.10 = 10 %)
 * @param signallingKbps          bandwidth of the SIP signalling class (default 32 kbit/s)
 * @param reservablePct           share of the shaper a router lets classes reserve (Cisco default 75 %)
 */
public record AdviceSettings(
        Duration bucket,
        Duration window,
        int days,
        int minSamples,
        int minLoadedSamples,
        double loadedUtilisationPct,
        double quietUtilisationPct,
        double lossBreachRatio,
        double jitterBreachMs,
        double lateDiscardBreachRatio,
        double rttBreachMs,
        double mosBreach,
        double congestedBreachRate,
        double minBreachRateLift,
        double notTrafficBreachRate,
        double minLossEffectRatio,
        double minJitterEffectMs,
        double minRttEffectMs,
        double minMosEffect,
        double confidenceLevel,
        double kneeBandPct,
        int kneeMinBandSamples,
        double shaperFraction,
        double priorityHeadroom,
        double signallingKbps,
        double reservablePct) {

    private static final Duration DAY = Duration.ofDays(1);

    public AdviceSettings {
        if (bucket == null || bucket.toSeconds() < 1 || DAY.toSeconds() % bucket.toSeconds() != 0
                || bucket.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("bucket: must be whole seconds that divide a day, got " + bucket);
        }
        if (window == null || window.compareTo(bucket) < 0 || window.compareTo(DAY) > 0
                || window.toSeconds() % bucket.toSeconds() != 0 || window.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("window: must be a multiple of the bucket (" + bucket
                    + ") and at most a day, got " + window);
        }
        positive("days", days);
        positive("minSamples", minSamples);
        positive("minLoadedSamples", minLoadedSamples);
        positive("kneeMinBandSamples", kneeMinBandSamples);
        within("loadedUtilisationPct", loadedUtilisationPct, 1, 1000);
        within("quietUtilisationPct", quietUtilisationPct, 0, loadedUtilisationPct);
        within("lossBreachRatio", lossBreachRatio, 0, 1);
        within("jitterBreachMs", jitterBreachMs, 0, 10_000);
        within("lateDiscardBreachRatio", lateDiscardBreachRatio, 0, 1);
        within("rttBreachMs", rttBreachMs, 0, 60_000);
        within("mosBreach", mosBreach, 1, 5);
        within("congestedBreachRate", congestedBreachRate, 0, 1);
        within("minBreachRateLift", minBreachRateLift, 0, 1);
        within("notTrafficBreachRate", notTrafficBreachRate, 0, 1);
        within("minLossEffectRatio", minLossEffectRatio, 0, 1);
        within("minJitterEffectMs", minJitterEffectMs, 0, 10_000);
        within("minRttEffectMs", minRttEffectMs, 0, 60_000);
        within("minMosEffect", minMosEffect, 0, 4);
        if (!(confidenceLevel > 0.5 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidenceLevel: must be between 0.5 and 1 (exclusive), got "
                    + confidenceLevel);
        }
        within("kneeBandPct", kneeBandPct, 1, 100);
        within("shaperFraction", shaperFraction, 0.80, 0.95);
        within("priorityHeadroom", priorityHeadroom, 0, 1);
        within("signallingKbps", signallingKbps, 0, 10_000);
        within("reservablePct", reservablePct, 1, 100);
    }

    public static AdviceSettings defaults() {
        return new AdviceSettings(Duration.ofMinutes(15), Duration.ofMinutes(60), 14, 30, 10, 80, 60,
                0.01, 30, 0.01, 150, 3.6, 0.3, 0.25, 0.1,
                0.005, 2, 20, 0.2, 0.95, 5, 3, 0.90, 0.10, 32, 75);
    }

    /** The same settings on another time scale (tests and the lab compress busy hours into minutes). */
    public AdviceSettings withTime(Duration bucket, Duration window, int days) {
        return with(bucket, window, days, minSamples, minLoadedSamples);
    }

    /** The same settings with other sample minimums. */
    public AdviceSettings withMinimums(int minSamples, int minLoadedSamples) {
        return with(bucket, window, days, minSamples, minLoadedSamples);
    }

    private AdviceSettings with(Duration bucket, Duration window, int days, int minSamples, int minLoadedSamples) {
        return new AdviceSettings(bucket, window, days, minSamples, minLoadedSamples, loadedUtilisationPct,
                quietUtilisationPct, lossBreachRatio, jitterBreachMs, lateDiscardBreachRatio, rttBreachMs, mosBreach,
                congestedBreachRate, minBreachRateLift, notTrafficBreachRate, minLossEffectRatio, minJitterEffectMs,
                minRttEffectMs, minMosEffect, confidenceLevel, kneeBandPct, kneeMinBandSamples, shaperFraction,
                priorityHeadroom, signallingKbps, reservablePct);
    }

    private static void positive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + ": must be at least 1, got " + value);
        }
    }

    private static void within(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(field + ": must be between " + min + " and " + max + ", got " + value);
        }
    }
}
