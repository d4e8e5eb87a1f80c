package io.callready.advice.sizing;

import io.callready.advice.AdviceSettings;
import io.callready.advice.Figures;
import io.callready.advice.SiteFacts;
import io.callready.wire.rtp.Codec;

import java.util.ArrayList;
import java.util.List;

/**
 * Priority class = peak calls × per-call rate × (1 + headroom); a separate signalling class; shapers at
 * {@code shaperFraction} of the contracted line rate so the router, not the ISP's modem, owns the queue.
 */
public final class Sizer {
    private Sizer() {
    }

    public static Sizing size(SiteFacts facts, AdviceSettings settings) {
        List<String> notes = new ArrayList<>();
        Codec codec;
        try {
            codec = Codec.fromWireName(facts.codec());
        } catch (IllegalArgumentException e) {
            codec = Codec.PCMU;
            notes.add("unknown codec '" + facts.codec() + "': sized as G.711");
        }
        int ptime = facts.ptimeMs() >= 1 ? facts.ptimeMs() : 20;
        if (ptime != facts.ptimeMs()) {
            notes.add("ptime " + facts.ptimeMs() + " ms is not valid: sized at 20 ms");
        }
        double perCall = CallBandwidth.perCallKbps(codec, ptime);
        Integer calls = facts.peakCalls() != null && facts.peakCalls() >= 0 ? facts.peakCalls() : null;
        Double priority = calls == null ? null : Math.ceil(calls * perCall * (1 + settings.priorityHeadroom()));
        if (calls == null) {
            notes.add("peak concurrent calls unknown: the priority class is sized per call only; set the site's peak calls");
        }
        String source;
        Double upBasis;
        Double downBasis;
        if (facts.lineUpBps() != null || facts.lineDownBps() != null) {
            source = "contracted";
            upBasis = facts.lineUpBps();
            downBasis = facts.lineDownBps();
        } else if (facts.portSpeedBps() != null) {
            source = "port";
            upBasis = facts.portSpeedBps();
            downBasis = facts.portSpeedBps();
            notes.add("no contracted line rate: the shaper is " + Figures.pct(settings.shaperFraction() * 100)
                    + " of the port speed (" + Figures.bps(facts.portSpeedBps())
                    + "); replace it with " + Figures.pct(settings.shaperFraction() * 100) + " of the ISP's rate");
        } else {
            source = "unknown";
            upBasis = null;
            downBasis = null;
            notes.add("neither line rate nor port speed known: set the contracted rates to size the shaper");
        }
        Double shaperUp = shaper(upBasis, settings);
        Double shaperDown = shaper(downBasis, settings);
        if (priority != null && shaperUp != null) {
            double reserved = priority + settings.signallingKbps();
            if (priority > shaperUp) {
                notes.add("the shaped upstream (" + Figures.number(shaperUp) + " kbit/s) cannot carry " + calls
                        + " calls of " + Figures.number(perCall) + " kbit/s: a faster line or fewer concurrent calls");
            } else if (reserved > shaperUp * settings.reservablePct() / 100) {
                notes.add("voice + signalling (" + Figures.number(reserved) + " kbit/s) exceed "
                        + Figures.pct(settings.reservablePct()) + " of the shaped upstream (" + Figures.number(shaperUp)
                        + " kbit/s): Cisco IOS reserves at most 75 % by default (max-reserved-bandwidth)");
            }
        }
        return new Sizing(codec.wireName(), ptime, perCall, calls, settings.priorityHeadroom(), priority, settings.signallingKbps(), shaperUp,
                shaperDown, settings.shaperFraction(), source, notes);
    }

    /** kbit/s, rounded down so the shaper stays below the line. */
    private static Double shaper(Double lineBps, AdviceSettings settings) {
        return lineBps == null || !(lineBps > 0) ? null : Math.floor(lineBps * settings.shaperFraction() / 1000);
    }
}
