package io.callready.advice;

import java.time.Instant;

/**
 * One background {@code wan_traffic} sample. Rates are L2 bits/s over the sample; utilisation is percent of the
 * line rate, or of the port speed when {@code lineRateSource} is {@code port}. Null = not measured.
 */
public record TrafficSample(
        Instant at,
        String target,
        Double upBps,
        Double downBps,
        Double upUtilisationPct,
        Double downUtilisationPct,
        String lineRateSource) {

    public Double bps(Direction direction) {
        return direction == Direction.UP ? upBps : downBps;
    }

    public Double utilisationPct(Direction direction) {
        return direction == Direction.UP ? upUtilisationPct : downUtilisationPct;
    }
}
