package io.callready.wire.net;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampedUdpSocketIT {
    private static final int EF = 46 << 2;

    @Test
    void reportsKernelArrivalTimeTosAndSourceOverIpv4() throws IOException {
        try (TimestampedUdpSocket server = TimestampedUdpSocket.bind(new InetSocketAddress("127.0.0.1", 0));
             TimestampedUdpSocket client = connected(server.localAddress(), 0)) {
            assertThat(client.setTos(EF)).isTrue();
            long before = epochNanos();
            client.send(bytes("hello"));
            ByteBuffer in = ByteBuffer.allocateDirect(64);
            TimestampedUdpSocket.Datagram d = server.receive(in, true);
            long after = epochNanos();

            assertThat(d.length()).isEqualTo(5);
            assertThat(in.position()).isEqualTo(5);
            assertThat(text(in)).isEqualTo("hello");
            assertThat(d.realtimeNanos()).isBetween(before, after);
            assertThat(d.tos()).isEqualTo(EF);
            assertThat(d.ttl()).as("loopback: the system's default TTL, no router on the way").isEqualTo(sysctl("net/ipv4/ip_default_ttl"));
            assertThat(d.source()).isEqualTo(client.localAddress());
            assertThat(d.truncated()).isFalse();
        }
    }

    @Test
    void answersToTheSourceAndTheClientSeesTheReplyMark() throws IOException {
        try (TimestampedUdpSocket server = TimestampedUdpSocket.bind(new InetSocketAddress("127.0.0.1", 0));
             TimestampedUdpSocket client = connected(server.localAddress(), 0)) {
            client.send(bytes("ping"));
            ByteBuffer in = ByteBuffer.allocateDirect(64);
            TimestampedUdpSocket.Datagram request = server.receive(in, true);
            assertThat(request.tos()).isZero();
            server.setTos(34 << 2);
            server.sendTo(bytes("pong"), request.source());

            ByteBuffer reply = ByteBuffer.allocateDirect(64);
            TimestampedUdpSocket.Datagram d = client.receive(reply, true);
            assertThat(text(reply)).isEqualTo("pong");
            assertThat(d.tos()).isEqualTo(34 << 2);
            assertThat(d.source()).isEqualTo(server.localAddress());
        }
    }

    @Test
    void repliesAlternatingBetweenPeersEachReachTheirPeer() throws IOException {
        try (TimestampedUdpSocket server = TimestampedUdpSocket.bind(new InetSocketAddress("127.0.0.1", 0));
             TimestampedUdpSocket a = connected(server.localAddress(), 0);
             TimestampedUdpSocket b = connected(server.localAddress(), 0)) {
            for (int round = 0; round < 3; round++) {
                for (TimestampedUdpSocket peer : new TimestampedUdpSocket[]{a, b}) {
                    peer.send(bytes(peer == a ? "a" : "b"));
                    ByteBuffer in = ByteBuffer.allocateDirect(16);
                    TimestampedUdpSocket.Datagram d = server.receive(in, true);
                    server.sendTo(in.flip(), d.source());
                    assertThat(text(fill(peer))).isEqualTo(peer == a ? "a" : "b");
                }
            }
        }
    }

    @Test
    void aDatagramQueuedEarlierKeepsItsArrivalTime() throws Exception {
        try (TimestampedUdpSocket server = TimestampedUdpSocket.bind(new InetSocketAddress("127.0.0.1", 0));
             TimestampedUdpSocket client = connected(server.localAddress(), 0)) {
            long before = epochNanos();
            client.send(bytes("early"));
            long sent = epochNanos();
            Thread.sleep(30);
            TimestampedUdpSocket.Datagram d = server.receive(ByteBuffer.allocateDirect(64), false);
            assertThat(d.realtimeNanos()).isBetween(before, sent + TimeUnit.MILLISECONDS.toNanos(5));
            assertThat(epochNanos() - d.realtimeNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
        }
    }

    @Test
    void aNonWaitingReceiveReturnsNullWhenNothingIsQueued() throws IOException {
        try (TimestampedUdpSocket server = TimestampedUdpSocket.bind(new InetSocketAddress("127.0.0.1", 0))) {
            assertThat(server.receive(ByteBuffer.allocateDirect(64), false)).isNull();
        }
    }

    @Test
    void aWaitingReceiveTimesOutWithNull() throws IOException {
        try (TimestampedUdpSocket server = TimestampedUdpSocket.bind(new InetSocketAddress("127.0.0.1", 0))) {
            server.setReceiveTimeout(Duration.ofMillis(50));
            assertThat(server.receive(ByteBuffer.allocateDirect(64), true)).isNull();
        }
    }

    @Test
    void shutdownWakesABlockedReceive() throws Exception {
        try (TimestampedUdpSocket server = TimestampedUdpSocket.bind(new InetSocketAddress("127.0.0.1", 0))) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread receiver = Thread.ofPlatform().start(() -> {
                try {
                    server.receive(ByteBuffer.allocateDirect(64), true);
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            Thread.sleep(100);
            server.shutdown();
            assertThat(outcome.get(2, TimeUnit.SECONDS)).isInstanceOf(ClosedChannelException.class);
            receiver.join();
            assertThatThrownBy(() -> server.send(bytes("x"))).isInstanceOf(ClosedChannelException.class);
        }
    }

    @Test
    void anIcmpPortUnreachableShowsOnTheConnectedSocket() throws Exception {
        InetSocketAddress nobody;
        try (TimestampedUdpSocket probe = TimestampedUdpSocket.bind(new InetSocketAddress("127.0.0.1", 0))) {
            nobody = probe.localAddress();
        }
        try (TimestampedUdpSocket client = connected(nobody, 0)) {
            client.send(bytes("anyone?"));
            client.setReceiveTimeout(Duration.ofSeconds(1));
            assertThatThrownBy(() -> client.receive(ByteBuffer.allocateDirect(64), true))
                    .isInstanceOf(PortUnreachableException.class).hasMessageContaining("ECONNREFUSED");
        }
    }

    @Test
    void aDatagramLargerThanTheBufferIsMarkedTruncated() throws IOException {
        try (TimestampedUdpSocket server = TimestampedUdpSocket.bind(new InetSocketAddress("127.0.0.1", 0));
             TimestampedUdpSocket client = connected(server.localAddress(), 0)) {
            client.send(bytes("0123456789"));
            TimestampedUdpSocket.Datagram d = server.receive(ByteBuffer.allocateDirect(4), true);
            assertThat(d.length()).isEqualTo(4);
            assertThat(d.truncated()).isTrue();
        }
    }

    @Test
    void aPortInUseIsRefusedWithTheReason() throws IOException {
        try (TimestampedUdpSocket first = TimestampedUdpSocket.bind(new InetSocketAddress("127.0.0.1", 0))) {
            assertThatThrownBy(() -> TimestampedUdpSocket.bind(first.localAddress()))
                    .isInstanceOf(IOException.class).hasMessageContaining("EADDRINUSE");
        }
    }

    @Test
    void theSourcePortCanBeChosen() throws IOException {
        int port;
        try (TimestampedUdpSocket free = TimestampedUdpSocket.bind(new InetSocketAddress("127.0.0.1", 0))) {
            port = free.localAddress().getPort();
        }
        try (TimestampedUdpSocket server = TimestampedUdpSocket.bind(new InetSocketAddress("127.0.0.1", 0));
             TimestampedUdpSocket client = connected(server.localAddress(), port)) {
            client.send(bytes("x"));
            assertThat(server.receive(ByteBuffer.allocateDirect(8), true).source().getPort()).isEqualTo(port);
        }
    }

    @Test
    void anIpv6WildcardReceivesIpv4WithItsTosAndAnIpv4Source() throws IOException {
        assumeIpv6();
        try (TimestampedUdpSocket server = TimestampedUdpSocket.bind(new InetSocketAddress("::", 0));
             TimestampedUdpSocket client = connected(
                     new InetSocketAddress("127.0.0.1", server.localAddress().getPort()), 0)) {
            client.setTos(EF);
            client.send(bytes("v4"));
            ByteBuffer in = ByteBuffer.allocateDirect(64);
            TimestampedUdpSocket.Datagram d = server.receive(in, true);
            assertThat(d.source().getAddress()).isInstanceOf(Inet4Address.class);
            assertThat(d.tos()).isEqualTo(EF);
            assertThat(d.realtimeNanos()).isPositive();
            server.sendTo(bytes("back"), d.source());
            assertThat(text(fill(client))).isEqualTo("back");
        }
    }

    @Test
    void worksOverIpv6Loopback() throws IOException {
        assumeIpv6();
        InetSocketAddress any6 = new InetSocketAddress(InetAddress.getByName("::1"), 0);
        try (TimestampedUdpSocket server = TimestampedUdpSocket.bind(any6);
             TimestampedUdpSocket client = connected(server.localAddress(), 0)) {
            assertThat(client.setTos(EF)).isTrue();
            client.send(bytes("v6"));
            TimestampedUdpSocket.Datagram d = server.receive(ByteBuffer.allocateDirect(64), true);
            assertThat(d.tos()).isEqualTo(EF);
            assertThat(d.ttl()).as("hop limit").isEqualTo(sysctl("net/ipv6/conf/lo/hop_limit"));
            assertThat(d.source()).isEqualTo(client.localAddress());
        }
    }

    private static TimestampedUdpSocket connected(InetSocketAddress remote, int localPort) throws IOException {
        TimestampedUdpSocket s = TimestampedUdpSocket.open(remote.getAddress());
        if (localPort != 0) {
            s.bindLocalPort(localPort);
        }
        s.connect(remote);
        return s;
    }

    private static ByteBuffer fill(TimestampedUdpSocket s) throws IOException {
        ByteBuffer in = ByteBuffer.allocateDirect(64);
        s.receive(in, true);
        return in;
    }

    private static ByteBuffer bytes(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return ByteBuffer.allocateDirect(b.length).put(b).flip();
    }

    private static String text(ByteBuffer filled) {
        ByteBuffer b = filled.duplicate().flip();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return new String(out, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** A machine with IPv6 switched off has no ::1 to test on. */
    private static void assumeIpv6() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(java.nio.file.Path.of("/proc/net/if_inet6")),
                "IPv6 is switched off on this machine");
    }

    private static int sysctl(String key) throws IOException {
        return Integer.parseInt(java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/sys", key)).getFirst().strip());
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
