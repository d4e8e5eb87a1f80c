package io.callready.reflector;

import io.callready.wire.rtp.Codec;
import io.callready.wire.rtp.ProbePacket;
import io.callready.wire.rtp.RtpHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reflector on a real loopback socket. */
class ReflectorIT {
    private Reflector reflector;
    private DatagramChannel client;

    @BeforeEach
    void start() throws Exception {
        reflector = Reflector.start(new ReflectorSettings(new InetSocketAddress("127.0.0.1", 0), 4, Duration.ofMinutes(1)));
        client = DatagramChannel.open().connect(reflector.localAddress());
        client.socket().setSoTimeout(10_000);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        reflector.close();
    }

    @Test
    void echoesRequestsWithTimesAndIndexAndReportsStats() throws Exception {
        client.setOption(java.net.StandardSocketOptions.IP_TOS, 34 << 2);
        long before = epochNanos();
        for (int seq = 0; seq < 5; seq++) {
            long sentAt = epochNanos();
            send(request(7, seq));
            var reply = (ProbePacket.Reply) receive();
            long readAt = epochNanos();
            assertThat(reply.header().sequence()).isEqualTo(seq);
            assertThat(reply.header().ssrc()).isEqualTo(7);
            assertThat(reply.replyIndex()).isEqualTo(seq + 1);
            assertThat(reply.t2Nanos()).as("kernel arrival time, wall clock").isBetween(before, readAt);
            assertThat(reply.holdNanos()).as("the hold lies within this exchange").isBetween(0L, readAt - sentAt);
            assertThat(reply.tosSeen()).as("the TOS byte the request arrived with").isEqualTo(34 << 2);
        }
        send(request(7, 3));
        receive();

        ByteBuffer statsReq = ByteBuffer.allocate(64);
        ProbePacket.encodeStatsRequest(statsReq, new RtpHeader(false, 0, 0, 0, 7));
        send(statsReq.flip());
        var statsReply = (ProbePacket.StatsReply) receive();
        assertThat(statsReply.stats()).isEqualTo(new ProbePacket.SessionStats(5, 1, 0, 6, 4));
        assertThat(statsReply.arrivalsRecorded()).as("every arrival, the duplicate too").isEqualTo(6);
        assertThat(reflector.counters().replied()).isEqualTo(6);
        assertThat(reflector.counters().statsAnswered()).isEqualTo(1);
    }

    @Test
    void recordsEveryArrivalForTheAgentToPageThrough() throws Exception {
        client.setOption(java.net.StandardSocketOptions.IP_TOS, 46 << 2);
        int requests = 2 * ProbePacket.ARRIVALS_PER_REPLY + 5;
        long[] t2 = new long[requests];
        for (int seq = 0; seq < requests; seq++) {
            send(request(9, seq));
            t2[seq] = ((ProbePacket.Reply) receive()).t2Nanos();
        }
        ByteBuffer statsReq = ByteBuffer.allocate(64);
        ProbePacket.encodeStatsRequest(statsReq, new RtpHeader(false, 0, 0, 0, 9));
        send(statsReq.flip());
        assertThat(((ProbePacket.StatsReply) receive()).arrivalsRecorded()).isEqualTo(requests);

        for (int first = 0; first < requests; first += ProbePacket.ARRIVALS_PER_REPLY) {
            ByteBuffer req = ByteBuffer.allocate(64);
            ProbePacket.encodeArrivalsRequest(req, new RtpHeader(false, 0, 0, 0, 9), first);
            send(req.flip());
            ByteBuffer in = receiveRaw();
            assertThat(in.remaining()).as("an arrivals reply fits the IPv6 minimum MTU with its headers").isLessThanOrEqualTo(1280 - 48);
            var page = (ProbePacket.ArrivalsReply) ProbePacket.decode(in);
            assertThat(page.firstArrival()).isEqualTo(first);
            assertThat(page.arrivals()).hasSize(Math.min(ProbePacket.ARRIVALS_PER_REPLY, requests - first));
            for (int k = 0; k < page.arrivals().size(); k++) {
                var a = page.arrivals().get(k);
                assertThat(a.sequence()).isEqualTo(first + k);
                assertThat(a.t2Nanos()).as("the T2 its reply carried").isEqualTo(t2[first + k]);
                assertThat(a.tosSeen()).isEqualTo(46 << 2);
            }
        }
    }

    @Test
    void pagesWithKernelT3GiveEachReplysKernelSendTime() throws Exception {
        int requests = ProbePacket.ARRIVALS_PER_REPLY_WITH_T3 + 7;
        long[] t2 = new long[requests];
        long[] receivedAt = new long[requests];
        for (int seq = 0; seq < requests; seq++) {
            send(request(21, seq));
            var reply = (ProbePacket.Reply) receive();
            receivedAt[seq] = epochNanos();
            t2[seq] = reply.t2Nanos();
        }
        for (int first = 0; first < requests; first += ProbePacket.ARRIVALS_PER_REPLY_WITH_T3) {
            ByteBuffer req = ByteBuffer.allocate(64);
            ProbePacket.encodeArrivalsRequest(req, new RtpHeader(false, 0, 0, 0, 21), first, true);
            send(req.flip());
            ByteBuffer in = receiveRaw();
            assertThat(in.remaining()).as("UDP payload of a page with kernel T3").isLessThanOrEqualTo(1232);
            var page = (ProbePacket.ArrivalsReply) ProbePacket.decode(in);
            assertThat(page.withKernelT3()).isTrue();
            assertThat(page.arrivals()).hasSize(Math.min(ProbePacket.ARRIVALS_PER_REPLY_WITH_T3, requests - first));
            for (int k = 0; k < page.arrivals().size(); k++) {
                var a = page.arrivals().get(k);
                int seq = first + k;
                assertThat(a.t2Nanos()).isEqualTo(t2[seq]);
                assertThat(a.t3KernelNanos()).as("loopback gives software transmit stamps").isNotZero();
                assertThat(a.t3KernelNanos()).as("kernel T3 is after T2").isGreaterThanOrEqualTo(t2[seq]);
                // Causal, not timed: this reply left before the client read it, and the next reply's send
                // (the only other candidate) came after that, so a scheduler stall cannot fail this.
                assertThat(a.t3KernelNanos()).as("kernel T3 is this reply's send, before the client read it")
                        .isLessThanOrEqualTo(receivedAt[seq]);
            }
        }
        ByteBuffer old = ByteBuffer.allocate(64);
        ProbePacket.encodeArrivalsRequest(old, new RtpHeader(false, 0, 0, 0, 21), 0);
        send(old.flip());
        var oldPage = (ProbePacket.ArrivalsReply) ProbePacket.decode(receiveRaw());
        assertThat(oldPage.withKernelT3()).as("an older agent still gets the format it reads").isFalse();
        assertThat(oldPage.arrivals()).hasSize(requests);
    }

    @Test
    void arrivalsOfAnUnknownSessionAreEmpty() throws Exception {
        ByteBuffer req = ByteBuffer.allocate(64);
        ProbePacket.encodeArrivalsRequest(req, new RtpHeader(false, 0, 0, 0, 12345), 0);
        send(req.flip());
        assertThat(((ProbePacket.ArrivalsReply) receive()).arrivals()).isEmpty();
    }

    @Test
    void replyHasTheSameLengthAsTheRequest() throws Exception {
        ByteBuffer req = request(1, 1);
        int length = req.remaining();
        send(req);
        ByteBuffer in = ByteBuffer.allocate(2048);
        client.receive(in);
        assertThat(in.position()).isEqualTo(length);
    }

    @Test
    void survivesGarbageAndCountsIt() throws Exception {
        var rnd = ThreadLocalRandom.current();
        for (int i = 0; i < 500; i++) {
            byte[] junk = new byte[rnd.nextInt(0, 300)];
            rnd.nextBytes(junk);
            if (junk.length > 0 && i % 2 == 0) {
                junk[0] = (byte) 0x80;
            }
            send(ByteBuffer.wrap(junk));
            if (i % 50 == 0) {
                Thread.sleep(2);
            }
        }
        send(request(9, 1));
        var reply = (ProbePacket.Reply) receive();
        assertThat(reply.header().ssrc()).isEqualTo(9);
        // the reflector counts a reply after sending it, so the client can read it first: wait (bounded) for the count
        var counters = reflector.counters();
        for (long end = System.nanoTime() + 2_000_000_000L; counters.replied() == 0 && System.nanoTime() < end; counters = reflector.counters()) {
            Thread.sleep(5);
        }
        assertThat(counters.malformed()).as("every datagram but the probe is malformed (the kernel may drop some)")
                .isEqualTo(counters.received() - 1).isGreaterThan(100);
        assertThat(counters.replied()).isEqualTo(1);
    }

    @Test
    void aSecondReflectorCannotTakeTheSamePort() {
        assertThatThrownBy(() -> Reflector.start(ReflectorSettings.defaults(reflector.localAddress())))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageStartingWith("cannot bind reflector to udp " + reflector.localAddress());
    }

    @Test
    void keepsAtMostMaxSessions() throws Exception {
        for (long ssrc = 1; ssrc <= 10; ssrc++) {
            send(request(ssrc, 0));
            receive();
        }
        assertThat(reflector.counters().activeSessions()).isEqualTo(4);
        assertThat(reflector.counters().sessionsEvicted()).isEqualTo(6);
    }

    private static ByteBuffer request(long ssrc, int seq) {
        ByteBuffer b = ByteBuffer.allocate(512);
        ProbePacket.encodeRequest(b, new RtpHeader(seq == 0, Codec.PCMU.payloadType(), seq, seq * 160L, ssrc),
                ProbePacket.payloadSize(Codec.PCMU, 20), 46);
        return b.flip();
    }

    private void send(ByteBuffer b) throws Exception {
        client.write(b);
    }

    private ProbePacket.Decoded receive() throws Exception {
        return ProbePacket.decode(receiveRaw());
    }

    /** The next datagram, position 0, limit its length. */
    private ByteBuffer receiveRaw() throws Exception {
        ByteBuffer in = ByteBuffer.allocate(2048);
        var ch = client;
        ch.configureBlocking(false);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ch.receive(in) == null) {
            if (System.nanoTime() > deadline) throw new SocketTimeoutException("no reply from reflector");
            Thread.sleep(1);
        }
        return in.flip();
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
