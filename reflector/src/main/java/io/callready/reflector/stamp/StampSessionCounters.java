package io.callready.reflector.stamp;

import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/** A stateful reflector's per-sender packet counts, bounded in number and reset after idling. Single-threaded. */
final class StampSessionCounters {
    private static final class Session {
        long nextSequence;
        long lastSeenNanos;
    }

    private final int maxSessions;
    private final long idleNanos;
    private final LinkedHashMap<SocketAddress, Session> sessions;

    StampSessionCounters(int maxSessions, long idleNanos) {
        this.maxSessions = maxSessions;
        this.idleNanos = idleNanos;
        this.sessions = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SocketAddress, Session> eldest) {
                return size() > StampSessionCounters.this.maxSessions;
            }
        };
    }

    /** The reflector sequence number for this packet: 0, 1, 2 … per sender. */
    long next(SocketAddress sender, long nowNanos) {
        Session s = sessions.get(sender);
        if (s == null || nowNanos - s.lastSeenNanos > idleNanos) {
            s = new Session();
            sessions.put(sender, s);
        }
        s.lastSeenNanos = nowNanos;
        return s.nextSequence++ & 0xFFFF_FFFFL;
    }

    int size() {
        return sessions.size();
    }
}
