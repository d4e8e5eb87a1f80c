package io.callready.report.firewall;

import java.util.List;

/**
 * A firewall change request for one provider: the rules, the settings around them, and the same as plain text
 * ready to paste into a ticket.
 *
 * @param provider provider title
 * @param rules    allow rules
 * @param settings session timeouts, SIP ALG, DSCP, FQDN objects
 * @param text     the ticket text
 */
public record ChangeRequest(String provider, List<FirewallRule> rules, List<String> settings, String text) {
    public ChangeRequest {
        rules = List.copyOf(rules);
        settings = List.copyOf(settings);
    }
}
