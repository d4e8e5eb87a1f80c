package io.callready.advice.render;

import io.callready.advice.QosAssessment;
import io.callready.advice.SiteFacts;
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

    private RenderModel() {
    }

    static Map<String, Object> of(QosAssessment a, SiteFacts f, String wanIf) {
        Sizing s = a.sizing();
        Map<String, Object> m = new HashMap<>();
        List<String> evidence = new ArrayList<>();
        evidence.add("CallReady verdict: " + a.verdict().wireName() + " (confidence " + a.confidence().wireName() + ")");
        evidence.addAll(a.evidence());
        evidence.addAll(a.notes());
        if (s != null) {
            evidence.addAll(s.notes());
        }
        m.put("evidence", evidence);
        m.put("wan_if", wanIf);
        m.put("rtp_dscp", f.rtpDscp());
        m.put("sip_dscp", f.sipDscp());
        m.put("rtp_dscp_name", dscpName(f.rtpDscp()));
        m.put("sip_dscp_name", dscpName(f.sipDscp()));
        m.put("rtp_tos_hex", String.format(Locale.ROOT, "0x%02x", f.rtpDscp() << 2));
        m.put("sip_tos_hex", String.format(Locale.ROOT, "0x%02x", f.sipDscp() << 2));
        m.put("profile", f.profile() == null ? "none" : f.profile());
        return m;
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
