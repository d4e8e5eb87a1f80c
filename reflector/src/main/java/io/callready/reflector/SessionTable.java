package io.callready.reflector;

import java.net.SocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sessions in least-recently-used order, bounded in count and forgotten when idle. Single-threaded. */
final class SessionTable {
    record Key(SocketAddress source, long ssrc) {
    }

    private final int maxSessions;
    private final long idleNanos;
    private final LinkedHashMap<Key, UpstreamSession> sessions = new LinkedHashMap<>(64, 0.75f, true);
    private long evicted;

    SessionTable(int maxSessions, long idleNanos) {
        this.maxSessions = maxSessions;
        this.idleNanos = idleNanos;
    }

    UpstreamSession getOrCreate(Key key, long nowNanos) {
        expireIdle(nowNanos);
        UpstreamSession s = sessions.get(key);
        if (s == null) {
            if (sessions.size() >= maxSessions) {
                Iterator<UpstreamSession> eldest = sessions.values().iterator();
                eldest.next();
                eldest.remove();
                evicted++;
            }
            s = new UpstreamSession();
            s.lastSeenNanos = nowNanos;
            sessions.put(key, s);
        }
        return s;
    }

    UpstreamSession find(Key key) {
        return sessions.get(key);
    }

    private void expireIdle(long nowNanos) {
        Iterator<Map.Entry<Key, UpstreamSession>> it = sessions.entrySet().iterator();
        while (it.hasNext()) {
            if (nowNanos - it.next().getValue().lastSeenNanos <= idleNanos) {
                return;
            }
            it.remove();
        }
    }

    int size() {
        return sessions.size();
    }

    long evicted() {
        return evicted;
    }
}
