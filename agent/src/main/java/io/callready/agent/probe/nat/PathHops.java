package io.callready.agent.probe.nat;

import io.callready.wire.net.TtlLimitedUdpSocket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The first hops towards a host: one UDP datagram per TTL 1..max, all sent at once to an unused port, and the ICMP
 * "time exceeded" each causes names the router at that distance (like traceroute, unprivileged through the socket's
 * error queue). The destination answers "port unreachable" or nothing.
 */
public final class PathHops {
    /** Traceroute's customary base port: nothing listens there. */
    static final int PROBE_PORT = 33434;
    private static final int ICMP_TIME_EXCEEDED = 11;

    private PathHops() {
    }

    /** Hop addresses by TTL (index 0 = TTL 1), up to the destination or {@code maxHops}; empty where no router answered. */
    public static List<Optional<InetAddress>> trace(InetAddress destination, int maxHops, long waitNanos) throws IOException {
        Optional<InetAddress>[] hops = emptyHops(maxHops);
        int last = maxHops;
        try (TtlLimitedUdpSocket socket = TtlLimitedUdpSocket.open()) {
            for (int ttl = 1; ttl <= maxHops; ttl++) {
                socket.send(new InetSocketAddress(destination, PROBE_PORT), ttl, new byte[]{(byte) ttl, 'C', 'R'});
            }
            long deadline = System.nanoTime() + waitNanos;
            while (System.nanoTime() < deadline) {
                for (TtlLimitedUdpSocket.IcmpError e : socket.drainErrors()) {
                    int ttl = e.payload().length > 0 ? e.payload()[0] : 0;
                    if (ttl < 1 || ttl > maxHops) continue;
                    if (e.type() == ICMP_TIME_EXCEEDED) {
                        hops[ttl - 1] = Optional.of(e.from());
                    } else if (e.from().equals(destination)) {
                        hops[ttl - 1] = Optional.of(e.from());
                        last = Math.min(last, ttl);
                    }
                }
                if (last < maxHops && Arrays.stream(hops, 0, last).allMatch(Optional::isPresent)) break;
                try {
                    TimeUnit.MILLISECONDS.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return new ArrayList<>(Arrays.asList(hops).subList(0, last));
    }

    @SuppressWarnings("unchecked")
    private static Optional<InetAddress>[] emptyHops(int n) {
        Optional<InetAddress>[] hops = new Optional[n];
        Arrays.fill(hops, Optional.empty());
        return hops;
    }
}
