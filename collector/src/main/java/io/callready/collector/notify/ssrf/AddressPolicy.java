package io.callready.collector.notify.ssrf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Why an address must not receive webhooks (GitLab's default SSRF rules plus CGNAT, reserved and documentation
 * blocks). An IPv6 address is refused when it is not global unicast, and also when an IPv4 address it embeds
 * (IPv4-mapped, NAT64, 6to4, Teredo, ...) would be refused: the packet ends up there.
 */
final class AddressPolicy {
    private AddressPolicy() {
    }

    static Optional<String> refusal(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4(b);
        }
        boolean wholeAddress = false;
        for (EmbeddedIpv4 embedded : EmbeddedIpv4.in(b)) {
            Optional<String> refusal = ipv4(embedded.address().getAddress());
            if (refusal.isPresent()) {
                return Optional.of(embedded.form() + " " + embedded.address().getHostAddress() + ", " + refusal.get());
            }
            wholeAddress |= embedded.isWholeAddress();
        }
        return wholeAddress ? Optional.empty() : ipv6(b);
    }

    private static Optional<String> ipv6(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (zero(b, 0, 15) && b[15] == 0) {
            return Optional.of("an unspecified address");
        }
        if (zero(b, 0, 15) && b[15] == 1) {
            return Optional.of("a loopback address");
        }
        if (zero(b, 0, 12)) {
            return Optional.of("an IPv4-compatible IPv6 address");
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return Optional.of("a link-local address");
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return Optional.of("a site-local address (fec0::/10)");
        }
        if (first == 0xff) {
            return Optional.of("a multicast address");
        }
        if ((first & 0xfe) == 0xfc) {
            return Optional.of("a private address (unique local fc00::/7)");
        }
        if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && b[4] == 0 && b[5] == 1) {
            return Optional.of("a local-use NAT64 address (64:ff9b:1::/48)");
        }
        if ((first & 0xe0) != 0x20) {
            return Optional.of("a reserved address (outside global unicast 2000::/3)");
        }
        if (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8 || first == 0x3f && (second & 0xf0) == 0xf0) {
            return Optional.of("a documentation address (2001:db8::/32, 3fff::/20)");
        }
        if (first == 0x20 && second == 0x01 && (b[2] & 0xfe) == 0) {
            return Optional.of("an IETF protocol assignment (2001::/23: benchmarking, ORCHID, ...)");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv4(byte[] address) {
        int a = address[0] & 0xff;
        int b = address[1] & 0xff;
        int c = address[2] & 0xff;
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
        if (a >= 240 || (a == 192 && b == 0) || (a == 198 && (b == 18 || b == 19)) || (a == 192 && b == 88 && c == 99)) {
            return Optional.of("a reserved address");
        }
        if ((a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)) {
            return Optional.of("a documentation address (TEST-NET)");
        }
        return Optional.empty();
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
