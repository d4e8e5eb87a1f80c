package io.callready.agent.probe.nat;

import io.callready.agent.probe.traffic.WanAddresses;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Is there another NAT between the site's router and the internet? Signals, strongest first: the address the STUN
 * server sees is itself private or shared (100.64.0.0/10); the router's own WAN address, read over SNMP (IP-MIB on the
 * {@code wan_traffic} interface) or else asked with NAT-PMP, is not that address
 * (a "network failure" answer is only noted: it also means no lease yet); a hop after the site's router is in 100.64.0.0/10, the
 * range RFC 6598 reserves for carrier-grade NAT; more than one private hop before the first public one (weakest:
 * ISPs number their own links privately too). The first private hop is the site's own router and says nothing.
 *
 * @param kind     what was concluded
 * @param evidence what it rests on, for people
 */
public record DoubleNatVerdict(Kind kind, String evidence) {

    public enum Kind {
        NONE_SEEN, CGNAT, CGNAT_LIKELY, DOUBLE_NAT, DOUBLE_NAT_POSSIBLE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static DoubleNatVerdict of(Optional<InetAddress> publicAddress, Optional<RouterWanAddress> router, List<Optional<InetAddress>> hops) {
        return of(publicAddress, Optional.empty(), router, hops);
    }

    /** @param snmp the router's WAN addresses over SNMP, when the plan has an SNMP {@code wan_traffic} source */
    public static DoubleNatVerdict of(Optional<InetAddress> publicAddress, Optional<WanAddresses> snmp, Optional<RouterWanAddress> router,
                                      List<Optional<InetAddress>> hops) {
        if (publicAddress.isPresent() && AddressClass.of(publicAddress.get()).behindAnotherNat()) {
            return new DoubleNatVerdict(Kind.CGNAT, "the STUN server sees the site as " + publicAddress.get().getHostAddress() + " ("
                    + AddressClass.of(publicAddress.get()).wireName() + "), not a public address");
        }
        Optional<DoubleNatVerdict> fromSnmp = snmp.filter(w -> !w.addresses().isEmpty()).flatMap(w -> fromSnmp(publicAddress, w, hops));
        if (fromSnmp.isPresent()) return fromSnmp.get();
        String snmpNote = snmp.map(w -> "; SNMP gave no WAN address (" + w.where() + ": "
                + (w.failure() != null ? w.failure() : "no IPv4 address on that interface") + ")").orElse("");
        DoubleNatVerdict rest = withoutSnmp(publicAddress, router, hops);
        return new DoubleNatVerdict(rest.kind(), rest.evidence() + snmpNote);
    }

    /**
     * Equal to the public address: no NAT beyond the router; else shared, private or another public address: a NAT
     * upstream. Empty when a public WAN address has no public address to be compared with.
     */
    private static Optional<DoubleNatVerdict> fromSnmp(Optional<InetAddress> publicAddress, WanAddresses snmp, List<Optional<InetAddress>> hops) {
        String at = " (snmp) on " + snmp.where();
        if (publicAddress.isPresent() && snmp.addresses().contains(publicAddress.get())) {
            return Optional.of(new DoubleNatVerdict(Kind.NONE_SEEN, "router WAN address " + publicAddress.get().getHostAddress() + at
                    + " is the address the internet sees: no NAT beyond the router" + path(hops)));
        }
        InetAddress wan = snmp.addresses().stream().filter(a -> AddressClass.of(a) == AddressClass.SHARED_CGNAT).findFirst()
                .or(() -> snmp.addresses().stream().filter(a -> AddressClass.of(a).behindAnotherNat()).findFirst())
                .orElse(snmp.addresses().getFirst());
        String seen = publicAddress.map(p -> ", but the internet sees " + p.getHostAddress()).orElse("");
        AddressClass c = AddressClass.of(wan);
        if (publicAddress.isEmpty() && !c.behindAnotherNat()) return Optional.empty();
        String said = "router WAN address " + wan.getHostAddress() + at;
        if (c == AddressClass.SHARED_CGNAT) {
            return Optional.of(new DoubleNatVerdict(Kind.CGNAT, said + seen + ": in 100.64.0.0/10, the ISP's carrier-grade NAT is upstream"
                    + path(hops)));
        }
        String why = c.behindAnotherNat() ? ": " + c.wireName() + ", another NAT is upstream" : ": another NAT is upstream";
        return Optional.of(new DoubleNatVerdict(Kind.DOUBLE_NAT, said + seen + why + path(hops)));
    }

    private static DoubleNatVerdict withoutSnmp(Optional<InetAddress> publicAddress, Optional<RouterWanAddress> router,
                                                List<Optional<InetAddress>> hops) {
        Optional<InetAddress> wan = router.flatMap(RouterWanAddress::external);
        if (wan.isPresent() && publicAddress.isPresent()) {
            String said = "the router (" + router.get().gateway().getHostAddress() + ") says over NAT-PMP its WAN address is "
                    + wan.get().getHostAddress();
            if (!wan.get().equals(publicAddress.get())) {
                return new DoubleNatVerdict(AddressClass.of(wan.get()) == AddressClass.SHARED_CGNAT ? Kind.CGNAT : Kind.DOUBLE_NAT,
                        said + ", but the internet sees " + publicAddress.get().getHostAddress() + ": another NAT is upstream" + path(hops));
            }
            return new DoubleNatVerdict(Kind.NONE_SEEN, said + ", the address the internet sees: no second NAT" + path(hops));
        }
        DoubleNatVerdict fromHops = fromHops(hops);
        if (router.isPresent() && router.get().resultCode() == RouterWanAddress.NETWORK_FAILURE) {
            // miniupnpd answers so when its WAN address is private or reserved, but so does a router without a lease yet
            return new DoubleNatVerdict(fromHops.kind(), fromHops.evidence() + "; the router (" + router.get().gateway().getHostAddress()
                    + ") answers NAT-PMP with \"network failure\": it offers no WAN address (not public, or none yet)");
        }
        return fromHops;
    }

    private static DoubleNatVerdict fromHops(List<Optional<InetAddress>> hops) {
        int privateHops = 0;
        for (int i = 0; i < hops.size(); i++) {
            if (hops.get(i).isEmpty()) continue;
            InetAddress hop = hops.get(i).get();
            AddressClass c = AddressClass.of(hop);
            if (c == AddressClass.PUBLIC) break;
            if (c == AddressClass.SHARED_CGNAT) {
                return new DoubleNatVerdict(Kind.CGNAT_LIKELY, "hop " + (i + 1) + " is " + hop.getHostAddress()
                        + ", in 100.64.0.0/10 (RFC 6598 carrier-grade NAT space)" + path(hops));
            }
            privateHops++;
            if (privateHops > 1) {
                return new DoubleNatVerdict(Kind.DOUBLE_NAT_POSSIBLE, "hop " + (i + 1) + " (" + hop.getHostAddress()
                        + ") is a second private router before the first public hop (ISPs sometimes number their links privately: a hint, not proof)"
                        + path(hops));
            }
        }
        return new DoubleNatVerdict(Kind.NONE_SEEN, "no private or carrier-grade hop after the site's router" + path(hops));
    }

    /** The fix a verdict names, or empty. */
    public Optional<String> fix() {
        return switch (kind) {
            case CGNAT, CGNAT_LIKELY -> Optional.of("ask the ISP for a public IPv4 address (carrier-grade NAT breaks inbound calls and port forwarding)");
            case DOUBLE_NAT, DOUBLE_NAT_POSSIBLE -> Optional.of("put the ISP's router in bridge mode so only one router does NAT");
            case NONE_SEEN -> Optional.empty();
        };
    }

    private static String path(List<Optional<InetAddress>> hops) {
        StringBuilder sb = new StringBuilder("; path:");
        for (Optional<InetAddress> h : hops) sb.append(' ').append(h.map(InetAddress::getHostAddress).orElse("*"));
        return sb.toString();
    }
}
