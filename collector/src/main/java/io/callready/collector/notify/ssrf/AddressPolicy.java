package io.callready.collector.notify.ssrf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/** Why an address must not receive webhooks (GitLab's default SSRF rules plus CGNAT and reserved blocks). */
final class AddressPolicy {
    private AddressPolicy() {
    }

    static Optional<String> refusal(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4(b[0] & 0xff, b[1] & 0xff);
        }
        Inet6Address v6 = (Inet6Address) address;
        if (v6.isAnyLocalAddress()) {
            return Optional.of("an unspecified address");
        }
        if (v6.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (v6.isLinkLocalAddress() || v6.isSiteLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (v6.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("a private address (unique local fc00::/7)");
        }
        if (v6.isIPv4CompatibleAddress()) {
            return Optional.of("an IPv4-compatible IPv6 address");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv4(int a, int b) {
        if (a == 0) {
            return Optional.of("an unspecified address (0.0.0.0/8)");
        }
        if (a == 127) {
            return Optional.of("a loopback address");
        }
        if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)) {
            return Optional.of("a private address (RFC 1918)");
        }
        if (a == 100 && b >= 64 && b <= 127) {
            return Optional.of("a carrier-grade NAT address (100.64.0.0/10)");
        }
        if (a == 169 && b == 254) {
            return Optional.of("a link-local address");
        }
        if (a >= 224 && a <= 239) {
            return Optional.of("a multicast address");
        }
        if (a >= 240 || (a == 192 && b == 0) || (a == 198 && (b == 18 || b == 19))) {
            return Optional.of("a reserved address");
        }
        return Optional.empty();
    }
}
