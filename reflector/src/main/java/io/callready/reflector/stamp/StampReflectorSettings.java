package io.callready.reflector.stamp;

import io.callready.wire.plan.StampReflectorMode;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * @param bind        address and UDP port to listen on (STAMP's well-known port is 862; 0 picks a free one)
 * @param mode        stateless: replies carry the sender's sequence number; stateful: the reflector's own count
 *                    per session, so the sender can tell upstream from downstream loss (RFC 8762 §4.3)
 * @param maxSessions stateful sessions (source address) kept at once; the least recently used is dropped first
 * @param sessionIdle a stateful session with no packet for this long starts counting from 0 again
 */
public record StampReflectorSettings(InetSocketAddress bind, StampReflectorMode mode, int maxSessions, Duration sessionIdle) {
    public static final int DEFAULT_PORT = 862;

    public StampReflectorSettings {
        if (bind == null) throw new IllegalArgumentException("bind address is required");
        if (mode == null) throw new IllegalArgumentException("mode is required");
        if (maxSessions < 1) throw new IllegalArgumentException("maxSessions must be at least 1, got " + maxSessions);
        if (sessionIdle == null || sessionIdle.isNegative() || sessionIdle.isZero()) {
            throw new IllegalArgumentException("sessionIdle must be positive");
        }
    }

    public static StampReflectorSettings defaults(InetSocketAddress bind, StampReflectorMode mode) {
        return new StampReflectorSettings(bind, mode, 4096, Duration.ofMinutes(2));
    }
}
