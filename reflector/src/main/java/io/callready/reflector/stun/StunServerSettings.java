package io.callready.reflector.stun;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * @param primary   IP1:P1, where clients send Binding requests
 * @param alternate IP2:P2 for RFC 5780 CHANGE-REQUEST; must differ from the primary in both address and port
 */
public record StunServerSettings(InetSocketAddress primary, Optional<InetSocketAddress> alternate) {
    public static final int DEFAULT_PORT = 3478;

    public StunServerSettings {
        if (primary == null) throw new IllegalArgumentException("STUN address is required");
        alternate.ifPresent(alt -> {
            if (alt.getAddress().equals(primary.getAddress())) {
                throw new IllegalArgumentException("--stun-alt must use another IP address than --stun (RFC 5780 changes IP and port)");
            }
            if (alt.getPort() == primary.getPort() && alt.getPort() != 0) {
                throw new IllegalArgumentException("--stun-alt must use another port than --stun (RFC 5780 changes IP and port)");
            }
            if (alt.getAddress().getClass() != primary.getAddress().getClass()) {
                throw new IllegalArgumentException("--stun-alt must be of the same address family as --stun");
            }
        });
    }

    /** Parses {@code [ADDR:]PORT}; without an address the reflector's --bind address is used. */
    public static InetSocketAddress parseEndpoint(String text, String defaultAddress, String option) {
        int colon = text.lastIndexOf(':');
        if (colon < 0 && defaultAddress == null) throw new IllegalArgumentException(option + " must be ADDR:PORT, got '" + text + "'");
        String host = colon < 0 ? defaultAddress : text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be [ADDR:]PORT, got '" + text + "'");
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException(option + " port must be 0..65535, got " + port);
        if (host.isEmpty() || !host.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            throw new IllegalArgumentException(option + " needs a numeric IP address, got '" + host + "'");
        }
        return new InetSocketAddress(host, port);
    }
}
