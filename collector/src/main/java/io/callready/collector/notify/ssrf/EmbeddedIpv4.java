package io.callready.collector.notify.ssrf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The IPv4 addresses an IPv6 address carries and leads to: a packet to {@code 64:ff9b::7f00:1} reaches
 * 127.0.0.1 through a NAT64 gateway, one to {@code 2002:7f00:1::} through a 6to4 relay. Each form is judged by
 * the IPv4 policy as well as the IPv6 one.
 *
 * @param isWholeAddress the IPv6 address is only another spelling of the IPv4 one (mapped, translated, NAT64
 *                       well-known prefix), so the IPv4 policy alone decides
 */
record EmbeddedIpv4(String form, Inet4Address address, boolean isWholeAddress) {

    /**
     * Every IPv4 address embedded in {@code v6} (16 bytes); empty for a plain IPv6 address.
     * {@link #form} reads in front of the IPv4 address: "a NAT64 address (64:ff9b::/96) of".
     */
    static List<EmbeddedIpv4> in(byte[] v6) {
        List<EmbeddedIpv4> found = new ArrayList<>();
        if (zero(v6, 0, 10) && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff) {
            found.add(at("an IPv4-mapped IPv6 address of", v6, 12, 0, true));
        } else if (zero(v6, 0, 8) && (v6[8] & 0xff) == 0xff && (v6[9] & 0xff) == 0xff && zero(v6, 10, 12)) {
            found.add(at("an IPv4-translated IPv6 address (::ffff:0:0:0/96) of", v6, 12, 0, true));
        } else if (prefix(v6, 0x00, 0x64, 0xff, 0x9b) && zero(v6, 4, 12)) {
            found.add(at("a NAT64 address (64:ff9b::/96) of", v6, 12, 0, true));
        } else if (prefix(v6, 0x20, 0x02)) {
            found.add(at("a 6to4 address (2002::/16) of", v6, 2, 0, false));
        } else if (prefix(v6, 0x20, 0x01, 0x00, 0x00)) {
            // Teredo: the server's address as is, the client's (where packets go) with every bit flipped.
            found.add(at("a Teredo address (2001::/32) for client", v6, 12, 0xff, false));
            found.add(at("a Teredo address (2001::/32) via server", v6, 4, 0, false));
        } else if ((v6[8] & 0xfd) == 0 && v6[9] == 0 && (v6[10] & 0xff) == 0x5e && (v6[11] & 0xff) == 0xfe) {
            found.add(at("an ISATAP address (interface id 5efe) of", v6, 12, 0, false));
        }
        return found;
    }

    private static EmbeddedIpv4 at(String form, byte[] v6, int offset, int flip, boolean isWholeAddress) {
        byte[] v4 = new byte[4];
        for (int i = 0; i < 4; i++) {
            v4[i] = (byte) (v6[offset + i] ^ flip);
        }
        try {
            return new EmbeddedIpv4(form, (Inet4Address) InetAddress.getByAddress(v4), isWholeAddress);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static boolean prefix(byte[] b, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if ((b[i] & 0xff) != bytes[i]) {
                return false;
            }
        }
        return true;
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
