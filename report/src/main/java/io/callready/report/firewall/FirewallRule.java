package io.callready.report.firewall;

/**
 * One line of the change request.
 *
 * @param direction   "outbound" (site → provider; replies allowed back by state) or "inbound"
 * @param protocol    udp or tcp
 * @param destination host name (FQDN object) or "any" with the reason in {@code purpose}
 * @param ports       "5060" or "10000-60000"
 * @param purpose     why the provider needs it
 */
public record FirewallRule(String direction, String protocol, String destination, String ports, String purpose) {
}
