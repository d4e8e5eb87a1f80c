package io.callready.report;

import java.util.Objects;

/**
 * One router or firewall finding.
 *
 * @param area     SIP ALG, double NAT, UDP timeouts, fragmentation, DSCP, RTP ports, TLS, DNS, SIP reachability
 * @param title    what was checked
 * @param state    pass, warn, fail or skipped
 * @param evidence what was seen (when skipped: why it was not checked)
 * @param fix      what to change on the detected vendor's box, null when nothing needs changing
 */
public record RouterItem(String area, String title, CheckState state, String evidence, String fix) {
    public RouterItem {
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(state, "state");
        evidence = evidence == null ? "" : evidence;
    }
}
