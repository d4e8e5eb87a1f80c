package io.callready.wire.rtp;

import io.callready.wire.clock.ClockSync;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProbePacketTest {

    @Test
    void requestIsRtpV2WithCodecSizedPayload() throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(1500);
        var header = new RtpHeader(true, Codec.PCMU.payloadType(), 0xFFFF, 0xFFFF_FFF0L, 0xDEADBEEFL);
        int len = ProbePacket.encodeRequest(buf, header, ProbePacket.payloadSize(Codec.PCMU, 20), 46);
        assertThat(len).isEqualTo(12 + 160);
        byte[] bytes = new byte[len];
        buf.flip().get(bytes);
        assertThat(HexFormat.of().formatHex(bytes, 0, 16)).isEqualTo("8080ffff" + "fffffff0" + "deadbeef" + "4352012e");

        var decoded = (ProbePacket.Request) ProbePacket.decode(ByteBuffer.wrap(bytes));
        assertThat(decoded.header()).isEqualTo(header);
        assertThat(decoded.payloadSize()).isEqualTo(160);
        assertThat(decoded.payloadOffset()).isEqualTo(12);
        assertThat(decoded.replyDscp()).isEqualTo(46);
    }

    @Test
    void replyKeepsHeaderAndCarriesReflectorTimes() throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(1500);
        var header = new RtpHeader(false, 18, 7, 160, 42);
        int len = ProbePacket.encodeRequest(buf, header, ProbePacket.payloadSize(Codec.G729, 20), 46);
        assertThat(len).isEqualTo(12 + 20);
        buf.flip();
        ProbePacket.fillReply(buf, 12, 0xB8, 1_000_000_000L, 1_000_012_345L, 3);

        var reply = (ProbePacket.Reply) ProbePacket.decode(buf.duplicate());
        assertThat(reply.header()).isEqualTo(header);
        assertThat(reply.tosSeen()).isEqualTo(0xB8);
        assertThat(reply.t2Nanos()).isEqualTo(1_000_000_000L);
        assertThat(reply.holdNanos()).isEqualTo(12_345L);
        assertThat(reply.replyIndex()).isEqualTo(3);
    }

    @Test
    void statsRoundTrip() throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(100);
        var header = new RtpHeader(false, 0, 1, 2, 3);
        var stats = new ProbePacket.SessionStats(500, 2, 1, 502, 65_536 + 10);
        ProbePacket.encodeStatsReply(buf, header, stats);
        var decoded = (ProbePacket.StatsReply) ProbePacket.decode(buf.flip());
        assertThat(decoded.stats()).isEqualTo(stats);
        assertThat(decoded.arrivalsRecorded()).as("a reflector without arrival record").isEqualTo(ProbePacket.ARRIVALS_UNKNOWN);

        buf.clear();
        ProbePacket.encodeStatsReply(buf, header, stats, 504, ClockSync.synchronisedWithin(1_250));
        var withArrivals = (ProbePacket.StatsReply) ProbePacket.decode(buf.flip());
        assertThat(withArrivals.stats()).isEqualTo(stats);
        assertThat(withArrivals.arrivalsRecorded()).isEqualTo(504);
        assertThat(withArrivals.reflectorClock()).isEqualTo(ClockSync.synchronisedWithin(1_250));
        assertThat(decoded.reflectorClock()).isEqualTo(ClockSync.UNKNOWN);
    }

    @Test
    void arrivalsRoundTrip() throws Exception {
        var header = new RtpHeader(false, 0, 1, 2, 3);
        ByteBuffer req = ByteBuffer.allocate(100);
        ProbePacket.encodeArrivalsRequest(req, header, 192);
        assertThat(((ProbePacket.ArrivalsRequest) ProbePacket.decode(req.flip())).firstArrival()).isEqualTo(192);

        ProbePacket.ArrivalSource source = new ProbePacket.ArrivalSource() {
            public int sequence(int k) { return (65_530 + k) & 0xFFFF; }
            public int tosSeen(int k) { return k == 1 ? ProbePacket.TOS_UNKNOWN : 0xB8; }
            public long t2Nanos(int k) { return 1_700_000_000_000_000_000L + k * 20_000_123L; }
        };
        ByteBuffer buf = ByteBuffer.allocate(2048);
        int length = ProbePacket.encodeArrivalsReply(buf, header, 10, ProbePacket.ARRIVALS_PER_REPLY, source);
        assertThat(length + 48).as("RTP + UDP + IPv6 within the IPv6 minimum MTU").isLessThanOrEqualTo(1280);
        var page = (ProbePacket.ArrivalsReply) ProbePacket.decode(buf.flip());
        assertThat(page.firstArrival()).isEqualTo(10);
        assertThat(page.arrivals()).hasSize(ProbePacket.ARRIVALS_PER_REPLY);
        assertThat(page.arrivals().get(0)).isEqualTo(new ProbePacket.Arrival(source.sequence(10), 0xB8, source.t2Nanos(10)));
        assertThat(page.arrivals().get(8)).as("sequence wrapped").isEqualTo(new ProbePacket.Arrival(12, 0xB8, source.t2Nanos(18)));
    }

    @Test
    void arrivalsWithKernelT3RoundTripWithinTheIpv6MinimumMtu() throws Exception {
        var header = new RtpHeader(false, 0, 1, 2, 3);
        ByteBuffer req = ByteBuffer.allocate(100);
        ProbePacket.encodeArrivalsRequest(req, header, 120, true);
        var asked = (ProbePacket.ArrivalsRequest) ProbePacket.decode(req.flip());
        assertThat(asked.firstArrival()).isEqualTo(120);
        assertThat(asked.withKernelT3()).isTrue();
        req.clear();
        ProbePacket.encodeArrivalsRequest(req, header, 0);
        assertThat(((ProbePacket.ArrivalsRequest) ProbePacket.decode(req.flip())).withKernelT3()).isFalse();

        ProbePacket.ArrivalSource source = new ProbePacket.ArrivalSource() {
            public int sequence(int k) { return k; }
            public int tosSeen(int k) { return 0xB8; }
            public long t2Nanos(int k) { return 1_700_000_000_000_000_000L + k * 20_000_123L; }
            public long t3KernelNanos(int k) { return k == 3 ? 0 : t2Nanos(k) + 41_000 + k; }
        };
        ByteBuffer buf = ByteBuffer.allocate(2048);
        int length = ProbePacket.encodeArrivalsReply(buf, header, 0, ProbePacket.ARRIVALS_PER_REPLY_WITH_T3, source, true);
        assertThat(length).as("UDP payload").isLessThanOrEqualTo(1232);
        var page = (ProbePacket.ArrivalsReply) ProbePacket.decode(buf.flip());
        assertThat(page.withKernelT3()).isTrue();
        assertThat(page.arrivals()).hasSize(ProbePacket.ARRIVALS_PER_REPLY_WITH_T3);
        assertThat(page.arrivals().get(5)).isEqualTo(new ProbePacket.Arrival(5, 0xB8, source.t2Nanos(5), source.t2Nanos(5) + 41_005));
        assertThat(page.arrivals().get(3).t3KernelNanos()).as("no kernel stamp").isZero();
        assertThatThrownBy(() -> ProbePacket.encodeArrivalsReply(ByteBuffer.allocate(4096), header, 0,
                ProbePacket.ARRIVALS_PER_REPLY_WITH_T3 + 1, source, true)).isInstanceOf(IllegalArgumentException.class);

        ByteBuffer old = ByteBuffer.allocate(2048);
        ProbePacket.encodeArrivalsReply(old, header, 0, ProbePacket.ARRIVALS_PER_REPLY, source);
        var oldPage = (ProbePacket.ArrivalsReply) ProbePacket.decode(old.flip());
        assertThat(oldPage.withKernelT3()).as("format 0, as an older reflector sends it").isFalse();
        assertThat(oldPage.arrivals()).hasSize(ProbePacket.ARRIVALS_PER_REPLY)
                .allSatisfy(r -> assertThat(r.t3KernelNanos()).isZero());
        assertThat(oldPage.arrivals().get(5)).isEqualTo(new ProbePacket.Arrival(5, 0xB8, source.t2Nanos(5)));
    }

    @Test
    void arrivalsReplyWithKernelT3ClaimingMoreRecordsThanItHoldsIsMalformed() {
        ByteBuffer buf = ByteBuffer.allocate(200);
        new RtpHeader(false, 0, 1, 2, 3).write(buf);
        buf.put((byte) 'C').put((byte) 'R').put((byte) 6).put((byte) 1).putInt(0).putShort((short) 5).putShort((short) 0);
        buf.put(new byte[5 * 12]);
        assertThatThrownBy(() -> ProbePacket.decode(buf.flip())).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void arrivalsReplyClaimingMoreRecordsThanItHoldsIsMalformed() {
        ByteBuffer buf = ByteBuffer.allocate(100);
        new RtpHeader(false, 0, 1, 2, 3).write(buf);
        buf.put((byte) 'C').put((byte) 'R').put((byte) 6).put((byte) 0).putInt(0).putShort((short) 5).putShort((short) 0);
        buf.put(new byte[12]);
        assertThatThrownBy(() -> ProbePacket.decode(buf.flip())).isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void skipsCsrcAndExtension() throws Exception {
        // V=2, X=1, CC=1; PT 0; one CSRC; extension of one word; then the probe payload
        ByteBuffer buf = ByteBuffer.allocate(100);
        buf.put((byte) 0x91).put((byte) 0).putShort((short) 5).putInt(100).putInt(9);
        buf.putInt(77);
        buf.putShort((short) 0xBEDE).putShort((short) 1).putInt(0);
        buf.put((byte) 'C').put((byte) 'R').put((byte) 1).put((byte) 0);
        buf.put(new byte[16]);
        var decoded = (ProbePacket.Request) ProbePacket.decode(buf.flip());
        assertThat(decoded.payloadOffset()).isEqualTo(24);
        assertThat(decoded.header().sequence()).isEqualTo(5);
    }

    @Test
    void rejectsWhatIsNotAProbePacket() {
        assertThatThrownBy(() -> ProbePacket.decode(ByteBuffer.wrap(new byte[5])))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("shorter");
        byte[] v1 = new byte[40];
        v1[0] = 0x40;
        assertThatThrownBy(() -> ProbePacket.decode(ByteBuffer.wrap(v1))).hasMessageContaining("version 1");
        byte[] noMagic = new byte[40];
        noMagic[0] = (byte) 0x80;
        assertThatThrownBy(() -> ProbePacket.decode(ByteBuffer.wrap(noMagic))).hasMessageContaining("not a CallReady");
        byte[] csrcOverrun = new byte[14];
        csrcOverrun[0] = (byte) 0x8F;
        assertThatThrownBy(() -> ProbePacket.decode(ByteBuffer.wrap(csrcOverrun))).hasMessageContaining("CSRC");
        byte[] shortRequest = new byte[12 + 8];
        shortRequest[0] = (byte) 0x80;
        shortRequest[12] = 'C';
        shortRequest[13] = 'R';
        shortRequest[14] = 1;
        assertThatThrownBy(() -> ProbePacket.decode(ByteBuffer.wrap(shortRequest))).hasMessageContaining("shorter than 20");
    }

    @Test
    void payloadSizesFollowCodecAndPtime() {
        assertThat(ProbePacket.payloadSize(Codec.PCMU, 20)).isEqualTo(160);
        assertThat(ProbePacket.payloadSize(Codec.PCMA, 30)).isEqualTo(240);
        assertThat(ProbePacket.payloadSize(Codec.G722, 20)).isEqualTo(160);
        assertThat(ProbePacket.payloadSize(Codec.G729, 20)).isEqualTo(20);
        assertThat(ProbePacket.payloadSize(Codec.G729, 10)).isEqualTo(20);
        assertThat(ProbePacket.payloadSize(Codec.OPUS, 20)).isEqualTo(60);
        assertThat(Codec.OPUS.timestampStep(20)).isEqualTo(960);
        assertThat(Codec.PCMU.timestampStep(20)).isEqualTo(160);
    }
}
