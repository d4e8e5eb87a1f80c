package io.callready.agent.probe.nat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Locale;

/** Where an address can be routed: what tells a public address from a private or carrier-grade-NAT one. */
public enum AddressClass {
    PUBLIC,
    /** RFC 1918 (IPv4) or RFC 4193 unique-local (IPv6). */
    PRIVATE,
    /** RFC 6598 shared address space 100.64.0.0/10: carrier-grade NAT between the site and the internet. */
    SHARED_CGNAT,
    LOOPBACK,
    LINK_LOCAL;

    public static AddressClass of(InetAddress a) {
        if (a.isLoopbackAddress()) return LOOPBACK;
        if (a.isLinkLocalAddress()) return LINK_LOCAL;
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            if (first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)) return PRIVATE;
            if (first == 100 && second >= 64 && second <= 127) return SHARED_CGNAT;
            return PUBLIC;
        }
        return (b[0] & 0xFE) == 0xFC ? PRIVATE : PUBLIC;
    }

    /** Private, shared, loopback or link-local: an address that means another NAT stands between it and the internet. */
    public boolean behindAnotherNat() {
        return this != PUBLIC;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
