package io.callready.agent.probe.traffic;

import org.junit.jupiter.api.Test;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Walk results as a router answers them (RFC 4293 index encodings), hand-built: which IPv4 addresses sit on which ifIndex. */
class IpMibAddressesTest {

    private static Map<OID, Variable> walk(String... oidAndIfIndex) {
        Map<OID, Variable> rows = new LinkedHashMap<>();
        for (int i = 0; i < oidAndIfIndex.length; i += 2) {
            rows.put(new OID(oidAndIfIndex[i]), new Integer32(Integer.parseInt(oidAndIfIndex[i + 1])));
        }
        return rows;
    }

    private static Inet4Address v4(String a) throws Exception {
        return (Inet4Address) InetAddress.getByName(a);
    }

    @Test
    void theOldTableIsIndexedByTheAddressItself() throws Exception {
        Map<OID, Variable> adEnt = walk(
                "1.3.6.1.2.1.4.20.1.2.127.0.0.1", "1",
                "1.3.6.1.2.1.4.20.1.2.192.168.1.1", "2",
                "1.3.6.1.2.1.4.20.1.2.100.64.0.2", "3",
                "1.3.6.1.2.1.4.20.1.2.100.64.0.9", "3");
        assertThat(IpMibAddresses.onInterface(3, adEnt, Map.of()))
                .containsExactly(v4("100.64.0.2"), v4("100.64.0.9"));
        assertThat(IpMibAddresses.onInterface(2, adEnt, Map.of())).containsExactly(v4("192.168.1.1"));
        assertThat(IpMibAddresses.onInterface(7, adEnt, Map.of())).as("an interface without addresses").isEmpty();
    }

    @Test
    void theNewTableHasTypeAndLengthBeforeTheOctetsAndItsIpv6RowsAreSkipped() throws Exception {
        Map<OID, Variable> address = walk(
                "1.3.6.1.2.1.4.34.1.3.1.4.203.0.113.7", "4",
                "1.3.6.1.2.1.4.34.1.3.1.4.10.0.0.1", "2",
                // ipv6(2), 16 octets: 2001:db8::7 on the same interface
                "1.3.6.1.2.1.4.34.1.3.2.16.32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.7", "4",
                // ipv4z(3), 8 octets (address and zone): never a WAN address
                "1.3.6.1.2.1.4.34.1.3.3.8.169.254.1.1.0.0.0.4", "4");
        assertThat(IpMibAddresses.onInterface(4, Map.of(), address)).containsExactly(v4("203.0.113.7"));
    }

    @Test
    void bothTablesTogetherGiveEachAddressOnce() throws Exception {
        Map<OID, Variable> adEnt = walk("1.3.6.1.2.1.4.20.1.2.203.0.113.7", "4");
        Map<OID, Variable> address = walk("1.3.6.1.2.1.4.34.1.3.1.4.203.0.113.7", "4", "1.3.6.1.2.1.4.34.1.3.1.4.203.0.113.8", "4");
        assertThat(IpMibAddresses.onInterface(4, adEnt, address))
                .containsExactly(v4("203.0.113.7"), v4("203.0.113.8"));
    }

    @Test
    void malformedIndexesAreNoAddresses() {
        Map<OID, Variable> adEnt = walk(
                "1.3.6.1.2.1.4.20.1.2.10.0.1", "4",
                "1.3.6.1.2.1.4.20.1.2.10.0.0.256", "4",
                "1.3.6.1.2.1.4.20.1.2.10.0.0.1.5", "4");
        Map<OID, Variable> address = walk("1.3.6.1.2.1.4.34.1.3.1.5.10.0.0.1.9", "4", "1.3.6.1.2.1.4.34.1.3.1.4.10.0.300.1", "4");
        assertThat(IpMibAddresses.onInterface(4, adEnt, address)).isEmpty();
    }
}
