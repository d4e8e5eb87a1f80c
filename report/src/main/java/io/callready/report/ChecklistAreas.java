package io.callready.report;

/** Which report area a checklist item belongs to, from the stable prefix of its id (the agent's checklist ids). */
public final class ChecklistAreas {
    private ChecklistAreas() {
    }

    public static String of(String itemId) {
        int colon = itemId.indexOf(':');
        String prefix = colon < 0 ? itemId : itemId.substring(0, colon);
        return switch (prefix) {
            case "sip-alg" -> "SIP ALG";
            case "double-nat", "nat-type", "port-preservation" -> "NAT";
            case "nat-timeouts" -> "UDP timeouts";
            case "fragmentation" -> "Fragmentation";
            case "dscp" -> "DSCP";
            case "rtp-ports" -> "RTP ports";
            case "tls" -> "TLS";
            case "dns" -> "DNS";
            case "sip" -> "SIP reachability";
            case "port" -> "Provider ports";
            default -> "Other";
        };
    }
}
