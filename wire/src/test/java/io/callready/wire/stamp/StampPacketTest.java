package io.callready.wire.stamp;

import io.callready.wire.rtp.MalformedPacketException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Byte-exact layouts from RFC 8762 §4.2.1 and §4.3.1, written out by hand. */
class StampPacketTest {
    private static final HexFormat HEX = HexFormat.of();

    private static final NtpTimestamp T1 = new NtpTimestamp(0xE93C7F00L, 0x8000_0000L);
    private static final NtpTimestamp T2 = new NtpTimestamp(0xE93C7F01L, 0x0000_0001L);
    private static final NtpTimestamp T3 = new NtpTimestamp(0xE93C7F01L, 0x0010_0000L);

    private static final String SENDER_HEX = "0000002a" + "e93c7f00" + "80000000" + "9601" + "00".repeat(30);
    private static final String REFLECTOR_HEX = "00000007" + "e93c7f01" + "00100000" + "1601" + "0000"
            + "e93c7f01" + "00000001" + "0000002a" + "e93c7f00" + "80000000" + "9601" + "0000" + "40" + "000000";

    @Test
    void senderPacketIs44BytesAtRfcOffsets() {
        var packet = new StampSenderPacket(42, T1, new ErrorEstimate(true, false, 22, 1));
        ByteBuffer out = ByteBuffer.allocate(64);
        packet.encode(out);
        assertThat(out.position()).isEqualTo(44);
        assertThat(HEX.formatHex(out.array(), 0, 44)).isEqualTo(SENDER_HEX);
    }

    @Test
    void senderPacketDecodes() throws Exception {
        var decoded = StampSenderPacket.decode(ByteBuffer.wrap(HEX.parseHex(SENDER_HEX)));
        assertThat(decoded).isEqualTo(new StampSenderPacket(42, T1, new ErrorEstimate(true, false, 22, 1)));
        assertThat(decoded.errorEstimate().errorSeconds()).isEqualTo(Math.pow(2, -10));
    }

    @Test
    void twampLightSenderWithoutPaddingStillDecodes() throws Exception {
        var decoded = StampSenderPacket.decode(ByteBuffer.wrap(HEX.parseHex(SENDER_HEX.substring(0, 28))));
        assertThat(decoded.sequence()).isEqualTo(42);
    }

    @Test
    void reflectorPacketIs44BytesAtRfcOffsets() {
        var packet = new StampReflectorPacket(7, T3, ErrorEstimate.UNSYNCED_MILLISECOND, T2, 42, T1,
                new ErrorEstimate(true, false, 22, 1), 64);
        ByteBuffer out = ByteBuffer.allocate(64);
        packet.encode(out, StampReflectorPacket.LENGTH);
        assertThat(out.position()).isEqualTo(44);
        assertThat(HEX.formatHex(out.array(), 0, 44)).isEqualTo(REFLECTOR_HEX);
    }

    @Test
    void reflectorPacketPadsToTheSendersLength() {
        var packet = new StampReflectorPacket(7, T3, ErrorEstimate.UNSYNCED_MILLISECOND, T2, 42, T1,
                ErrorEstimate.UNSYNCED_MILLISECOND, 64);
        ByteBuffer out = ByteBuffer.allocate(200);
        packet.encode(out, 128);
        assertThat(out.position()).isEqualTo(128);
    }

    @Test
    void reflectorPacketDecodesIncludingTwampLight41Bytes() throws Exception {
        var expected = new StampReflectorPacket(7, T3, ErrorEstimate.UNSYNCED_MILLISECOND, T2, 42, T1,
                new ErrorEstimate(true, false, 22, 1), 64);
        assertThat(StampReflectorPacket.decode(ByteBuffer.wrap(HEX.parseHex(REFLECTOR_HEX)))).isEqualTo(expected);
        assertThat(StampReflectorPacket.decode(ByteBuffer.wrap(HEX.parseHex(REFLECTOR_HEX.substring(0, 82))))).isEqualTo(expected);
    }

    @Test
    void truncatedPacketsAreRejected() {
        assertThatThrownBy(() -> StampReflectorPacket.decode(ByteBuffer.wrap(new byte[40])))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("41");
        assertThatThrownBy(() -> StampSenderPacket.decode(ByteBuffer.wrap(new byte[13])))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("14");
    }

    @Test
    void errorEstimateBits() {
        assertThat(new ErrorEstimate(true, true, 63, 255).encode()).isEqualTo(0xFFFF);
        assertThat(ErrorEstimate.decode(0x9601)).isEqualTo(new ErrorEstimate(true, false, 22, 1));
        assertThat(ErrorEstimate.decode(0x1600).errorSeconds()).isNaN();
    }
}
