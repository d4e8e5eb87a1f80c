package io.callready.agent.probe.traffic;

import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The IPv4 addresses a router has on one interface, from the walks of the two IP-MIB (RFC 4293) tables that map an
 * address to its ifIndex. Old agents have only the deprecated ipAddrTable, new ones both, some only ipAddressTable;
 * the union is the answer. Pure.
 */
final class IpMibAddresses {
    /** ipAdEntIfIndex: index = the address's four octets. */
    static final OID IP_AD_ENT_IF_INDEX = new OID("1.3.6.1.2.1.4.20.1.2");
    /** ipAddressIfIndex: index = ipAddressAddrType, then the address as a length-prefixed octet string. */
    static final OID IP_ADDRESS_IF_INDEX = new OID("1.3.6.1.2.1.4.34.1.3");
    /** InetAddressType ipv4(1): four octets; ipv4z(3) carries a zone and is never a WAN address. */
    private static final int TYPE_IPV4 = 1;

    private IpMibAddresses() {
    }

    /**
     * @param adEntIfIndex   the walk of ipAdEntIfIndex, full OIDs
     * @param addressIfIndex the walk of ipAddressIfIndex, full OIDs
     * @return the IPv4 addresses on {@code ifIndex}, in walk order, without repeats
     */
    static List<Inet4Address> onInterface(int ifIndex, Map<OID, Variable> adEntIfIndex, Map<OID, Variable> addressIfIndex) {
        Set<Inet4Address> found = new LinkedHashSet<>();
        adEntIfIndex.forEach((oid, value) -> {
            int[] index = suffix(oid, IP_AD_ENT_IF_INDEX);
            if (index.length == 4 && value.toInt() == ifIndex) ipv4(index, 0).ifPresent(found::add);
        });
        addressIfIndex.forEach((oid, value) -> {
            int[] index = suffix(oid, IP_ADDRESS_IF_INDEX);
            if (index.length == 6 && index[0] == TYPE_IPV4 && index[1] == 4 && value.toInt() == ifIndex) ipv4(index, 2).ifPresent(found::add);
        });
        return new ArrayList<>(found);
    }

    private static int[] suffix(OID oid, OID column) {
        if (!oid.startsWith(column)) return new int[0];
        int[] all = oid.getValue();
        int[] out = new int[all.length - column.size()];
        System.arraycopy(all, column.size(), out, 0, out.length);
        return out;
    }

    private static Optional<Inet4Address> ipv4(int[] index, int from) {
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = index[from + i];
            if (octet < 0 || octet > 255) return Optional.empty(); // a malformed index is no address
            b[i] = (byte) octet;
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(b));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four octets are always an address", e);
        }
    }
}
