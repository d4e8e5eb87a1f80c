package io.callready.agent.probe.nat;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Is there another NAT between the site's router and the internet? Signals, strongest first: the address the STUN
 * server sees is itself private or shared (100.64.0.0/10); the router's own WAN address (NAT-PMP) is not that address
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
        if (publicAddress.isPresent() && AddressClass.of(publicAddress.get()).behindAnotherNat()) {
            return new DoubleNatVerdict(Kind.CGNAT, "the STUN server sees the site as " + publicAddress.get().getHostAddress() + " ("
                    + AddressClass.of(publicAddress.get()).wireName() + "), not a public address");
        }
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
