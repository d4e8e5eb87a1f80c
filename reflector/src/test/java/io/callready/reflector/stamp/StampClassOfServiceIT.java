package io.callready.reflector.stamp;

import io.callready.wire.net.TimestampedUdpSocket;
import io.callready.wire.plan.StampReflectorMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reflector's RFC 8972 Class of Service TLV, seen from a sender that builds the TLV byte by byte
 * (flags, type 3, length 4, DSCP1 | DSCP2 | ECN | RP, reserved) and reads the reply's TOS from the kernel.
 */
class StampClassOfServiceIT {
    private StampReflector reflector;
    private TimestampedUdpSocket sender;

    @BeforeEach
    void start() throws Exception {
        reflector = StampReflector.start(StampReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0), StampReflectorMode.STATELESS));
        sender = TimestampedUdpSocket.open(reflector.localAddress().getAddress());
        sender.connect(reflector.localAddress());
        sender.setReceiveTimeout(Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        sender.close();
        reflector.close();
    }

    /** A 44-byte sender base with sequence {@code seq}, then the given TLV bytes. */
    private static ByteBuffer request(int seq, byte[] tlvs) {
        ByteBuffer b = ByteBuffer.allocateDirect(44 + tlvs.length);
        b.putInt(seq).putInt(0xE93C7F00).putInt(0).putShort((short) 0x8001);
        b.position(44);
        b.put(tlvs);
        return b.flip();
    }

    private record Reply(ByteBuffer bytes, int tos) {
    }

    private Reply exchange(int sendTos, ByteBuffer request) throws Exception {
        assertThat(sender.setTos(sendTos)).isTrue();
        sender.send(request);
        ByteBuffer in = ByteBuffer.allocateDirect(2048);
        TimestampedUdpSocket.Datagram d = sender.receive(in, true);
        assertThat(d).as("a reply").isNotNull();
        in.limit(d.length()).position(0);
        return new Reply(in, d.tos());
    }

    @Test
    void theTlvReportsTheMarkSeenAndTheReplyCarriesTheMarkAskedFor() throws Exception {
        // DSCP1 = AF41 34 asked for the reply, the request itself sent as EF 46 (TOS 0xB8)
        byte[] cos = {0, 3, 0, 4, (byte) (34 << 2), 0, 0, 0};
        Reply r = exchange(0xB8, request(7, cos));
        assertThat(r.bytes().remaining()).as("as long as the request").isEqualTo(52);
        assertThat(r.bytes().getInt(24)).isEqualTo(7);
        assertThat(r.bytes().get(45)).as("TLV type").isEqualTo((byte) 3);
        assertThat(r.bytes().getShort(46)).as("TLV length").isEqualTo((short) 4);
        int value = r.bytes().getShort(48) & 0xFFFF;
        assertThat(value >>> 10).as("DSCP1 kept").isEqualTo(34);
        assertThat(value >>> 4 & 0x3F).as("DSCP2 = the mark the request arrived with").isEqualTo(46);
        assertThat(value & 0x3).as("RP 0: DSCP1 used for the reply").isZero();
        assertThat(r.tos() >>> 2).as("the reply's own mark").isEqualTo(34);
    }

    @Test
    void eachRequestGetsItsOwnMarkAndAPlainRequestAnUnmarkedReply() throws Exception {
        for (int asked : new int[]{46, 26, 0, 24}) {
            Reply r = exchange(asked << 2, request(asked, new byte[]{0, 3, 0, 4, (byte) (asked << 2), 0, 0, 0}));
            assertThat(r.tos() >>> 2).as("reply for DSCP " + asked).isEqualTo(asked);
            assertThat((r.bytes().getShort(48) & 0xFFFF) >>> 4 & 0x3F).isEqualTo(asked);
        }
        Reply plain = exchange(0xB8, request(99, new byte[0]));
        assertThat(plain.bytes().remaining()).isEqualTo(44);
        assertThat(plain.tos()).as("no TLV: the reply is not marked").isZero();
    }

    @Test
    void otherTlvsComeBackAsSentAndTheClassOfServiceTlvIsFoundAfterThem() throws Exception {
        // an Extra Padding TLV (type 1, 4 bytes of 0x5A) before the Class of Service TLV
        byte[] tlvs = {0, 1, 0, 4, 0x5A, 0x5A, 0x5A, 0x5A, 0, 3, 0, 4, (byte) (26 << 2), 0, 0, 0};
        Reply r = exchange(26 << 2, request(3, tlvs));
        assertThat(r.bytes().remaining()).isEqualTo(60);
        for (int i = 44; i < 52; i++) {
            assertThat(r.bytes().get(i)).as("byte " + i).isEqualTo(tlvs[i - 44]);
        }
        assertThat((r.bytes().getShort(56) & 0xFFFF) >>> 4 & 0x3F).isEqualTo(26);
        assertThat(r.tos() >>> 2).isEqualTo(26);
    }
}
