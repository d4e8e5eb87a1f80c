package io.callready.agent.probe.traffic;

import io.callready.agent.config.SnmpCredentials;
import io.callready.wire.plan.WanTrafficSpec;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;

/**
 * The router's own IPv4 addresses on the WAN interface a {@code wan_traffic} SNMP spec selects, read over the same
 * session code with the same credentials: the address the router itself holds, to compare with the one the internet sees.
 *
 * @param where     router and interface, for evidence, e.g. {@code 192.168.1.1 ifName=wan0 (ifIndex 3)}
 * @param addresses the interface's IPv4 addresses (empty on a failure, or when it has none)
 * @param failure   why they could not be read, or null
 */
public record WanAddresses(String where, List<Inet4Address> addresses, String failure) {

    public WanAddresses {
        addresses = List.copyOf(addresses);
    }

    static WanAddresses read(WanTrafficSpec spec, SnmpCredentials credentials, Duration timeout, int retries) {
        String router = spec.host() + " " + spec.interfaceSelector();
        try (SnmpSession session = SnmpSession.open(spec.host(), spec.port(), spec.version(), credentials, timeout, retries)) {
            InterfaceSelection.Choice choice = SnmpCounterReader.choose(session, spec);
            if (choice.ifIndex() == null) {
                return new WanAddresses(router, List.of(), choice.problem());
            }
            List<Inet4Address> found = IpMibAddresses.onInterface(choice.ifIndex(), session.walk(IpMibAddresses.IP_AD_ENT_IF_INDEX),
                    session.walk(IpMibAddresses.IP_ADDRESS_IF_INDEX));
            return new WanAddresses(router + " (ifIndex " + choice.ifIndex() + ")", found, null);
        } catch (SnmpSession.SnmpFailure e) {
            return new WanAddresses(router, List.of(), e.getMessage());
        }
    }

    /** A spec naming credentials the agent does not hold. */
    static WanAddresses unconfigured(WanTrafficSpec spec) {
        return new WanAddresses(spec.host() + " " + spec.interfaceSelector(), List.of(), "credentials '" + spec.credentials()
                + "' are not in this agent's snmp_credentials");
    }
}
