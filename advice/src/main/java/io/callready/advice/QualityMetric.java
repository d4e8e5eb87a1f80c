package io.callready.advice;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The quality figures the advisor correlates with load, with their breach thresholds and minimum effect sizes.
 * All but MOS get worse upwards.
 */
public enum QualityMetric {
    LOSS("loss_ratio"),
    JITTER("jitter_ms"),
    LATE_DISCARDS("late_discard_ratio"),
    RTT("rtt_ms"),
    MOS("mos");

    private final String wireName;

    QualityMetric(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The sample's value for a direction (RTT is the same for both), null when not measured. */
    public Double value(QualitySample s, Direction d) {
        return switch (this) {
            case LOSS -> s.lossRatio(d);
            case JITTER -> s.jitterMs(d);
            case LATE_DISCARDS -> s.lateDiscardRatio(d);
            case RTT -> s.rttMs();
            case MOS -> s.mos(d);
        };
    }

    /** The load this metric is judged against: the direction's utilisation, for MOS the worse direction's. */
    public Double utilisationPct(QualitySample s, Direction d) {
        return this == MOS ? s.worseUtilisationPct() : s.utilisationPct(d);
    }

    public boolean breaches(double value, AdviceSettings s) {
        return switch (this) {
            case LOSS -> value > s.lossBreachRatio();
            case JITTER -> value > s.jitterBreachMs();
            case LATE_DISCARDS -> value > s.lateDiscardBreachRatio();
            case RTT -> value > s.rttBreachMs();
            case MOS -> value < s.mosBreach();
        };
    }

    /** +1 when a larger value is worse, −1 for MOS. */
    public int harmfulSign() {
        return this == MOS ? -1 : 1;
    }

    /** Smallest change (in the harmful direction) that counts as an effect. */
    public double minEffect(AdviceSettings s) {
        return switch (this) {
            case LOSS, LATE_DISCARDS -> s.minLossEffectRatio();
            case JITTER -> s.minJitterEffectMs();
            case RTT -> s.minRttEffectMs();
            case MOS -> s.minMosEffect();
        };
    }

    /** "loss > 1 %", for evidence sentences. */
    public String breachText(AdviceSettings s) {
        return switch (this) {
            case LOSS -> "loss > " + Figures.ratioAsPct(s.lossBreachRatio());
            case JITTER -> "jitter > " + Figures.ms(s.jitterBreachMs());
            case LATE_DISCARDS -> "late discards > " + Figures.ratioAsPct(s.lateDiscardBreachRatio());
            case RTT -> "round trip > " + Figures.ms(s.rttBreachMs());
            case MOS -> "MOS < " + Figures.number(s.mosBreach());
        };
    }

    /** A value in the metric's own unit, for sentences. */
    public String format(double value) {
        return switch (this) {
            case LOSS, LATE_DISCARDS -> Figures.ratioAsPct(value);
            case JITTER, RTT -> Figures.ms(value);
            case MOS -> Figures.number(value);
        };
    }

    /** "loss", "jitter", ... */
    public String label() {
        return switch (this) {
            case LOSS -> "loss";
            case JITTER -> "jitter";
            case LATE_DISCARDS -> "late discards";
            case RTT -> "round trip";
            case MOS -> "MOS";
        };
    }
}
