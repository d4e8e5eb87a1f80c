package io.callready.agent.probe.dscp;

/** Names of the DiffServ code points voice networks use (RFC 2474 class selectors, RFC 2597 AF, RFC 3246 EF). */
public final class DscpClass {
    private DscpClass() {
    }

    /** E.g. {@code EF 46}, {@code AF41 34}, {@code CS3 24}, {@code CS0 0}, or just the number for an unnamed value. */
    public static String label(int dscp) {
        String name = name(dscp);
        return name == null ? "DSCP " + dscp : name + " " + dscp;
    }

    static String name(int dscp) {
        if (dscp == 46) {
            return "EF";
        }
        if (dscp == 44) {
            return "VOICE-ADMIT";
        }
        if ((dscp & 0x7) == 0) {
            return "CS" + (dscp >>> 3);
        }
        int cls = dscp >>> 3;
        int drop = (dscp >>> 1) & 0x3;
        if (cls >= 1 && cls <= 4 && (dscp & 1) == 0 && drop >= 1) {
            return "AF" + cls + drop;
        }
        return null;
    }
}
