package io.callready.advice.render;

import io.callready.advice.AdviceSettings;
import io.callready.advice.Figures;
import io.callready.advice.QosAssessment;
import io.callready.advice.SiteFacts;
import io.callready.advice.sizing.Sizer;
import io.callready.advice.sizing.Sizing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The values a vendor template sees, already formatted: templates stay free of arithmetic. */
final class RenderModel {
    /** Stands where a rate is unknown, so a pasted config fails loudly instead of shaping to a guess. */
    static final String UNKNOWN_RATE = "SET_LINE_RATE";
    /** Smallest rate a class gets, so a tiny link still yields a valid tree. */
    static final long MIN_CLASS_KBPS = 8;
    /** Best-effort queue: this much time at the shaped rate, at least ten full frames. */
    static final double BEST_EFFORT_QUEUE_SECONDS = 0.1;
    static final long MIN_BEST_EFFORT_QUEUE_BYTES = 15_140;
    /** EF queue in packets: voice should never wait long, so it stays short. */
    static final int EF_QUEUE_PACKETS = 50;

    private RenderModel() {
    }

    /** Minutes are what an engineer reads in a router comment; nanoseconds are noise. */
    private static String minute(java.time.Instant at) {
        return at == null ? "unknown" : at.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
    }

    static Map<String, Object> of(QosAssessment a, SiteFacts f, String wanIf) {
        Sizing s = a.sizing() != null ? a.sizing() : Sizer.size(f, AdviceSettings.defaults());
        List<String> evidence = new ArrayList<>();
        evidence.add("CallReady verdict: " + a.verdict().wireName() + " (confidence " + a.confidence().wireName()
                + "), from " + a.samples() + (a.samples() == 1 ? " burst" : " bursts") + " between " + minute(a.from())
                + " and " + minute(a.to()));
        evidence.addAll(a.evidence());
        evidence.addAll(a.notes());
        long priority = priorityKbps(s);
        long signalling = Math.round(s.signallingKbps());
        evidence.add("sizing: " + callsText(s) + " × " + Figures.number(s.perCallKbps()) + " kbit/s (" + s.codec()
                + ", " + s.ptimeMs() + " ms, with Ethernet headers) + " + pct(s.headroom()) + " = " + priority
                + " kbit/s priority; SIP " + signalling + " kbit/s; shaper " + pct(s.shaperFraction())
                + " of the " + s.lineRateSource() + " rate");
        evidence.addAll(s.notes());

        Map<String, Object> m = new HashMap<>();
        m.put("evidence", evidence.stream().map(RenderModel::oneLine).toList());
        m.put("wan_if", wanIf);
        m.put("rtp_dscp", f.rtpDscp());
        m.put("sip_dscp", f.sipDscp());
        m.put("rtp_dscp_name", dscpName(f.rtpDscp()));
        m.put("sip_dscp_name", dscpName(f.sipDscp()));
        m.put("rtp_dscp_bits", bits(f.rtpDscp()));
        m.put("sip_dscp_bits", bits(f.sipDscp()));
        m.put("rtp_tos_hex", String.format(Locale.ROOT, "0x%02x", f.rtpDscp() << 2));
        m.put("sip_tos_hex", String.format(Locale.ROOT, "0x%02x", f.sipDscp() << 2));
        m.put("profile", f.profile() == null ? "not set (default marks)" : f.profile());
        m.put("priority_kbps", priority);
        m.put("signalling_kbps", signalling);
        m.put("shaper_up_kbps", kbps(s.shaperUpKbps()));
        m.put("shaper_down_kbps", kbps(s.shaperDownKbps()));
        m.put("shaper_up_bps", s.shaperUpKbps() == null ? UNKNOWN_RATE : Long.toString(Math.round(s.shaperUpKbps()) * 1000));
        m.put("shaper_up_mbps", mbps(s.shaperUpKbps()));
        m.put("shaper_down_mbps", mbps(s.shaperDownKbps()));
        m.put("best_effort_kbps", s.shaperUpKbps() == null ? UNKNOWN_RATE
                : Long.toString(Math.max(MIN_CLASS_KBPS, Math.round(s.shaperUpKbps()) - priority - signalling)));
        m.put("best_effort_queue_bytes", s.shaperUpKbps() == null ? Long.toString(MIN_BEST_EFFORT_QUEUE_BYTES)
                : Long.toString(Math.max(MIN_BEST_EFFORT_QUEUE_BYTES,
                Math.round(s.shaperUpKbps() * 1000 / 8 * BEST_EFFORT_QUEUE_SECONDS))));
        m.put("ef_queue_packets", EF_QUEUE_PACKETS);
        return m;
    }

    /** Sized for the site's peak calls; one call when unknown (the sizing notes say so). */
    static long priorityKbps(Sizing s) {
        if (s.priorityKbps() != null) {
            return Math.max(MIN_CLASS_KBPS, Math.round(s.priorityKbps()));
        }
        return Math.max(MIN_CLASS_KBPS, (long) Math.ceil(s.perCallKbps() * (1 + s.headroom())));
    }

    private static String callsText(Sizing s) {
        return s.calls() == null ? "1 call (peak calls unknown)" : s.calls() + (s.calls() == 1 ? " call" : " calls");
    }

    private static String kbps(Double kbps) {
        return kbps == null ? UNKNOWN_RATE : Long.toString(Math.round(kbps));
    }

    private static String mbps(Double kbps) {
        return kbps == null ? UNKNOWN_RATE : String.format(Locale.ROOT, "%.1f", Math.floor(kbps / 100) / 10);
    }

    private static String pct(double fraction) {
        return Math.round(fraction * 100) + " %";
    }

    private static String bits(int dscp) {
        String b = Integer.toBinaryString(dscp & 0x3f);
        return "0".repeat(6 - b.length()) + b;
    }

    /** Evidence goes into comment lines: no line breaks may escape the comment. */
    private static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }

    /** Standard PHB name of a DSCP (RFC 2474/2597/3246), else the number. */
    static String dscpName(int dscp) {
        if (dscp == 46) {
            return "ef";
        }
        if (dscp == 0) {
            return "default";
        }
        if (dscp % 8 == 0) {
            return "cs" + dscp / 8;
        }
        int cls = dscp / 8;
        int drop = (dscp % 8) / 2;
        if (dscp % 2 == 0 && cls >= 1 && cls <= 4 && drop >= 1 && drop <= 3) {
            return "af" + cls + drop;
        }
        return Integer.toString(dscp);
    }
}
