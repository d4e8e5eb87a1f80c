package io.callready.collector.notify.ssrf;

import java.net.InetAddress;

/** An address block such as {@code 10.20.0.0/16} or {@code fd00::/8}. */
public record Cidr(byte[] network, int prefixBits, String text) {

    public static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes;
        try {
            bytes = InetAddress.ofLiteral(address).getAddress();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR block like 10.20.0.0/16: " + e.getMessage());
        }
        int bits = slash < 0 ? bytes.length * 8 : parseBits(text, trimmed.substring(slash + 1));
        if (bits < 0 || bits > bytes.length * 8) {
            throw new IllegalArgumentException("'" + text + "': prefix length must be 0.." + bytes.length * 8);
        }
        return new Cidr(bytes, bits, trimmed);
    }

    private static int parseBits(String text, String bits) {
        try {
            return Integer.parseInt(bits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has a prefix length that is not a number");
        }
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefixBits; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
