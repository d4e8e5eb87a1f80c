package io.callready.wire.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The traffic on the site's internet line, sampled every {@code interval} and around every RTP burst of the same
 * plan. Up is site → internet (the router's WAN egress, ifHCOutOctets; tx_bytes of a local NIC), down the reverse.
 * The plan names the SNMP secret ({@code credentials}); the secret itself stays in the agent's local config.
 *
 * @param source      {@code snmp} (the site router) or {@code local} (the agent's own NIC)
 * @param host        snmp: the router's address
 * @param port        snmp: UDP port; default 161
 * @param version     snmp: {@code v2c} or {@code v3}; default v2c
 * @param credentials snmp: name of the credentials in the agent's local config ({@code snmp_credentials})
 * @param ifName      snmp: the WAN interface by IF-MIB ifName; exactly one of ifName, ifDescr, ifAlias, ifIndex
 * @param iface       local: the NIC whose counters carry the site's traffic, e.g. {@code eth0}
 * @param lineRate    the ISP's contracted rates; without them utilisation is against the port speed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WanTrafficSpec(
        String name,
        @JsonDeserialize(using = DurationText.Deserializer.class)
        @JsonSerialize(using = DurationText.Serializer.class)
        Duration interval,
        TrafficSource source,
        String host,
        Integer port,
        SnmpVersion version,
        String credentials,
        String ifName,
        String ifDescr,
        String ifAlias,
        Integer ifIndex,
        @JsonProperty("interface") String iface,
        LineRate lineRate) implements ProbeSpec {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    /** One sample per hour at least: a longer one hides the busy hour, and sample_ms is a duration of at most 1 h. */
    public static final Duration MAX_INTERVAL = Duration.ofHours(1);
    public static final int DEFAULT_SNMP_PORT = 161;
    /** Linux interface names: at most 15 bytes, no slash, no white space. */
    private static final Pattern LINUX_IFNAME = Pattern.compile("[A-Za-z0-9_.:@-]{1,15}");

    public WanTrafficSpec {
        if (source == null) {
            throw new IllegalArgumentException("source is required: snmp or local");
        }
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        SpecChecks.interval(interval);
        if (interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("interval must be at most 1h for wan_traffic (a longer sample hides the busy hour), got "
                    + DurationText.format(interval));
        }
        if (source == TrafficSource.SNMP) {
            port = port == null ? DEFAULT_SNMP_PORT : port;
            version = version == null ? SnmpVersion.V2C : version;
            checkSnmp(host, port, credentials, ifName, ifDescr, ifAlias, ifIndex, iface);
        } else {
            checkLocal(host, port, version, credentials, ifName, ifDescr, ifAlias, ifIndex, iface);
        }
        if (name == null || name.isBlank()) {
            name = "wan-" + (source == TrafficSource.SNMP ? host + "-" + selector(ifName, ifDescr, ifAlias, ifIndex) : iface);
        }
    }

    private static void checkSnmp(String host, int port, String credentials, String ifName, String ifDescr, String ifAlias,
                                  Integer ifIndex, String iface) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required for source snmp (the router's address)");
        }
        if (!host.strip().equals(host) || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
            throw new IllegalArgumentException("host must be an address or host name, got '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        if (credentials == null || credentials.isBlank()) {
            throw new IllegalArgumentException("credentials is required for source snmp: the name of an entry of "
                    + "snmp_credentials in the agent's config (the secret itself never goes into a plan)");
        }
        int selectors = (ifName == null ? 0 : 1) + (ifDescr == null ? 0 : 1) + (ifAlias == null ? 0 : 1) + (ifIndex == null ? 0 : 1);
        if (selectors != 1) {
            throw new IllegalArgumentException("exactly one of ifName, ifDescr, ifAlias, ifIndex must choose the WAN interface, got "
                    + selectors);
        }
        for (String[] s : new String[][]{{"ifName", ifName}, {"ifDescr", ifDescr}, {"ifAlias", ifAlias}}) {
            if (s[1] != null && s[1].isBlank()) {
                throw new IllegalArgumentException(s[0] + " must not be empty");
            }
        }
        if (ifIndex != null && ifIndex < 1) {
            throw new IllegalArgumentException("ifIndex must be 1 or more, got " + ifIndex);
        }
        if (iface != null) {
            throw new IllegalArgumentException("interface is for source local; source snmp chooses by ifName, ifDescr, ifAlias or ifIndex");
        }
    }

    private static void checkLocal(String host, Integer port, SnmpVersion version, String credentials, String ifName,
                                   String ifDescr, String ifAlias, Integer ifIndex, String iface) {
        if (iface == null || !LINUX_IFNAME.matcher(iface).matches()) {
            throw new IllegalArgumentException("interface is required for source local: a network interface name such as eth0, got "
                    + (iface == null ? "nothing" : "'" + iface + "'"));
        }
        if (host != null || port != null || version != null || credentials != null
                || ifName != null || ifDescr != null || ifAlias != null || ifIndex != null) {
            throw new IllegalArgumentException("host, port, version, credentials, ifName, ifDescr, ifAlias and ifIndex are for "
                    + "source snmp; source local takes interface");
        }
    }

    /** How the SNMP interface is chosen, e.g. {@code ifName=wan0}; null for the local source. */
    public String interfaceSelector() {
        return selector(ifName, ifDescr, ifAlias, ifIndex);
    }

    private static String selector(String ifName, String ifDescr, String ifAlias, Integer ifIndex) {
        if (ifName != null) return "ifName=" + ifName;
        if (ifDescr != null) return "ifDescr=" + ifDescr;
        if (ifAlias != null) return "ifAlias=" + ifAlias;
        if (ifIndex != null) return "ifIndex=" + ifIndex;
        return null;
    }

    public static WanTrafficSpec local(String name, Duration interval, String iface, LineRate lineRate) {
        return new WanTrafficSpec(name, interval, TrafficSource.LOCAL, null, null, null, null, null, null, null, null, iface, lineRate);
    }
}
