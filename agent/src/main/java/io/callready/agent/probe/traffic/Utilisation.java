package io.callready.agent.probe.traffic;

import io.callready.wire.plan.LineRate;

import java.util.Locale;

/**
 * Rates as a percentage of the line: of the ISP's contracted rates when the plan has them ({@code contracted}), else
 * of the port speed ({@code port}), else unknown. A percentage above {@link #MAX_PCT} is no utilisation but a wrong
 * line rate; it is left out and said so.
 *
 * @param source  {@code contracted}, {@code port}, or null when neither is known
 * @param problem why the percentages are missing although a rate was known, or null
 */
public record Utilisation(String source, Double lineUpBps, Double lineDownBps, Double upPct, Double downPct, String problem) {
    public static final String CONTRACTED = "contracted";
    public static final String PORT = "port";
    static final double MAX_PCT = 1000;

    public static Utilisation of(double upBps, double downBps, LineRate contracted, Long portSpeedBps) {
        double lineUp;
        double lineDown;
        String source;
        if (contracted != null) {
            lineUp = contracted.upBps();
            lineDown = contracted.downBps();
            source = CONTRACTED;
        } else if (portSpeedBps != null && portSpeedBps > 0) {
            lineUp = portSpeedBps;
            lineDown = portSpeedBps;
            source = PORT;
        } else {
            return new Utilisation(null, null, null, null, null, null);
        }
        double upPct = upBps / lineUp * 100;
        double downPct = downBps / lineDown * 100;
        if (upPct > MAX_PCT || downPct > MAX_PCT) {
            String problem = String.format(Locale.ROOT, "the measured rates (up %.0f, down %.0f bit/s) are more than ten times the %s "
                    + "line rate (up %.0f, down %.0f bit/s): check the plan's lineRate", upBps, downBps,
                    source.equals(CONTRACTED) ? "contracted" : "port's", lineUp, lineDown);
            return new Utilisation(source, lineUp, lineDown, null, null, problem);
        }
        return new Utilisation(source, lineUp, lineDown, upPct, downPct, null);
    }
}
