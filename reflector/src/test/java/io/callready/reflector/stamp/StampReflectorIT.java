package io.callready.reflector.stamp;

import io.callready.wire.plan.StampReflectorMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reflector answering a STAMP sender that is not ours: the packets below are assembled byte by byte from
 * RFC 8762 §4.2.1, and replies are read at the §4.3.1 offsets, without the wire module's STAMP codec.
 */
class StampReflectorIT {
    private static final long NTP_UNIX_OFFSET = 2_208_988_800L;

    private StampReflector reflector;

    @AfterEach
    void stop() {
        reflector.close();
    }

    private DatagramChannel start(StampReflectorMode mode) throws Exception {
        reflector = StampReflector.start(StampReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0), mode));
        DatagramChannel client = DatagramChannel.open().connect(reflector.localAddress());
        client.socket().setSoTimeout(10_000);
        return client;
    }

    /** Minimal independent session-sender packet: seq, NTP seconds/fraction, error estimate, zero padding. */
    private static ByteBuffer senderPacket(int seq, long ntpSeconds, long ntpFraction, int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putInt(seq);
        b.putInt((int) ntpSeconds);
        b.putInt((int) ntpFraction);
        b.putShort((short) 0x8A05);
        return b.position(0);
    }

    private static ByteBuffer exchange(DatagramChannel client, ByteBuffer packet) throws Exception {
        client.write(packet);
        ByteBuffer in = ByteBuffer.allocate(2048);
        client.socket().getChannel().read(in);
        return in.flip();
    }

    private static double ntpToUnixSeconds(ByteBuffer b, int offset) {
        long seconds = b.getInt(offset) & 0xFFFF_FFFFL;
        long fraction = b.getInt(offset + 4) & 0xFFFF_FFFFL;
        return seconds - NTP_UNIX_OFFSET + fraction / 4294967296.0;
    }

    @Test
    void statelessReflectorCopiesSequenceAndEchoesTheSenderFields() throws Exception {
        try (DatagramChannel client = start(StampReflectorMode.STATELESS)) {
            double before = Instant.now().getEpochSecond() - 1;
            for (int seq : new int[]{5, 6, 9}) {
                double sentAt = epochSeconds();
                ByteBuffer reply = exchange(client, senderPacket(seq, 0xE93C7F00L, 0x4000_0000L, 44));
                double readAt = epochSeconds();
                assertThat(reply.remaining()).isEqualTo(44);
                assertThat(reply.getInt(0)).as("reflector seq").isEqualTo(seq);
                assertThat(reply.getInt(24)).as("sender seq").isEqualTo(seq);
                assertThat(reply.getInt(28) & 0xFFFF_FFFFL).isEqualTo(0xE93C7F00L);
                assertThat(reply.getInt(32)).isEqualTo(0x4000_0000);
                assertThat(reply.getShort(36) & 0xFFFF).as("sender error estimate").isEqualTo(0x8A05);
                assertThat(reply.getShort(12) & 0xFF).as("multiplier must not be zero").isNotZero();
                assertThat(reply.getShort(14)).isZero();
                assertThat(reply.getShort(38)).isZero();
                assertThat(reply.get(40) & 0xFF).as("the TTL the packet arrived with: loopback, the system default").isEqualTo(defaultTtl());
                double t2 = ntpToUnixSeconds(reply, 16);
                double t3 = ntpToUnixSeconds(reply, 4);
                assertThat(t2).isGreaterThan(before).isLessThan(before + 120);
                // 1 µs: the NTP fraction's rounding; the hold lies within this exchange however slow the machine
                assertThat(t3 - t2).isBetween(0.0, readAt - sentAt + 1e-6);
            }
        }
    }

    @Test
    void statefulReflectorCountsWhatItReceived() throws Exception {
        try (DatagramChannel client = start(StampReflectorMode.STATEFUL)) {
            int[] senderSeqs = {0, 1, 4, 7};
            for (int i = 0; i < senderSeqs.length; i++) {
                ByteBuffer reply = exchange(client, senderPacket(senderSeqs[i], 1, 0, 44));
                assertThat(reply.getInt(0)).isEqualTo(i);
                assertThat(reply.getInt(24)).isEqualTo(senderSeqs[i]);
            }
        }
    }

    @Test
    void twampLightPacketsGetASymmetricReplyOfAtLeast44Bytes() throws Exception {
        try (DatagramChannel client = start(StampReflectorMode.STATELESS)) {
            assertThat(exchange(client, senderPacket(1, 1, 0, 14)).remaining()).isEqualTo(44);
            assertThat(exchange(client, senderPacket(2, 1, 0, 41)).remaining()).isEqualTo(44);
            ByteBuffer big = exchange(client, senderPacket(3, 1, 0, 160));
            assertThat(big.remaining()).isEqualTo(160);
            assertThat(big.getInt(24)).isEqualTo(3);
        }
    }

    @Test
    void tooShortDatagramsAreCountedNotAnswered() throws Exception {
        try (DatagramChannel client = start(StampReflectorMode.STATELESS)) {
            client.write(ByteBuffer.allocate(13));
            assertThat(exchange(client, senderPacket(1, 1, 0, 44)).getInt(24)).isEqualTo(1);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (reflector.counters().replied() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(reflector.counters()).isEqualTo(new StampReflectorCounters(2, 1, 1, 0));
            assertThat(reflector.cpuTimeNanos()).isPositive();
        }
    }

    private static int defaultTtl() throws java.io.IOException {
        return Integer.parseInt(java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_default_ttl")).getFirst().strip());
    }

    private static double epochSeconds() {
        Instant now = Instant.now();
        return now.getEpochSecond() + now.getNano() / 1e9;
    }
}
