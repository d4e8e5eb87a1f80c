package io.callready.reflector;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * @param bind               address and UDP port to listen on (port 0 picks a free one)
 * @param maxSessions        sessions (source address + SSRC) kept at once; the least recently used is dropped first
 * @param sessionIdleTimeout a session with no packet for this long is forgotten
 */
public record ReflectorSettings(InetSocketAddress bind, int maxSessions, Duration sessionIdleTimeout) {
    public static final int DEFAULT_PORT = 5004;
    public static final int DEFAULT_MAX_SESSIONS = 4096;
    public static final Duration DEFAULT_SESSION_IDLE = Duration.ofMinutes(2);

    public ReflectorSettings {
        if (bind == null) throw new IllegalArgumentException("bind address is required");
        if (maxSessions < 1) throw new IllegalArgumentException("maxSessions must be at least 1, got " + maxSessions);
        if (sessionIdleTimeout == null || sessionIdleTimeout.isNegative() || sessionIdleTimeout.isZero()) {
            throw new IllegalArgumentException("sessionIdleTimeout must be positive");
        }
    }

    public static ReflectorSettings defaults(InetSocketAddress bind) {
        return new ReflectorSettings(bind, DEFAULT_MAX_SESSIONS, DEFAULT_SESSION_IDLE);
    }
}
