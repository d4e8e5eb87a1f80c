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
    private final ArrivalBudget arrivalBudget;
    private final LinkedHashMap<Key, UpstreamSession> sessions = new LinkedHashMap<>(64, 0.75f, true);
    private long evicted;

    SessionTable(int maxSessions, long idleNanos) {
        this(maxSessions, idleNanos, new ArrivalBudget(ArrivalBudget.DEFAULT_RECORDS));
    }

    /** @param arrivalBudget what all sessions' arrival records may hold together; a forgotten session gives its share back */
    SessionTable(int maxSessions, long idleNanos, ArrivalBudget arrivalBudget) {
        this.maxSessions = maxSessions;
        this.idleNanos = idleNanos;
        this.arrivalBudget = arrivalBudget;
    }

    UpstreamSession getOrCreate(Key key, long nowNanos) {
        expireIdle(nowNanos);
        UpstreamSession s = sessions.get(key);
        if (s == null) {
            if (sessions.size() >= maxSessions) {
                Iterator<UpstreamSession> eldest = sessions.values().iterator();
                eldest.next().arrivals().release();
                eldest.remove();
                evicted++;
            }
            s = new UpstreamSession(arrivalBudget);
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
            UpstreamSession s = it.next().getValue();
            if (nowNanos - s.lastSeenNanos <= idleNanos) {
                return;
            }
            s.arrivals().release();
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
