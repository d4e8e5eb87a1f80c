package io.callready.wire.rtp;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortTestPacketTest {
    private static final RtpHeader HEADER = new RtpHeader(false, 0, 7, 1120, 0xABCD);

    @Test
    void openRequestBytesAndTheReplyFilledInPlaceAtTheSameLength() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(64);
        PortTestPacket.encodeOpenRequest(b, HEADER, 5, List.of(10000, 20000));
        assertThat(b.position()).isEqualTo(12 + 8 + 6);
        byte[] payload = java.util.Arrays.copyOfRange(b.array(), 12, 26);
        // 'C' 'R' 7 n=2, 5 s, 0, then 10000 = 0x2710 and 20000 = 0x4E20 each followed by a status byte
        assertThat(payload).containsExactly('C', 'R', 7, 2, 0, 5, 0, 0, 0x27, 0x10, 0, 0x4E, 0x20, 0);
        b.flip();
        assertThat(PortTestPacket.decodeOpenRequest(b.duplicate())).isEqualTo(new PortTestPacket.OpenRequest(HEADER, 5, List.of(10000, 20000)));
        PortTestPacket.fillOpened(b, List.of(new PortTestPacket.Entry(10000, PortTestPacket.OPENED), new PortTestPacket.Entry(20000, PortTestPacket.IN_USE)));
        assertThat(b.limit()).isEqualTo(26);
        assertThat(PortTestPacket.decodeOpened(b.duplicate()).entries())
                .containsExactly(new PortTestPacket.Entry(10000, 1), new PortTestPacket.Entry(20000, 2));
    }

    @Test
    void portTestReplyNamesTheSourceAndDestinationPorts() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(200);
        PortTestPacket.encodePortTest(b, HEADER, 160);
        b.flip();
        assertThat(PortTestPacket.isPortTestProtocol(b)).isTrue();
        assertThat(PortTestPacket.decodePortTest(b.duplicate())).isEqualTo(new PortTestPacket.PortTest(HEADER, 0, 0));
        PortTestPacket.fillPortTestReply(b, 40000, 15000);
        assertThat(PortTestPacket.decodePortTest(b.duplicate())).isEqualTo(new PortTestPacket.PortTest(HEADER, 40000, 15000));
    }

    @Test
    void malformedListsAndOtherPacketsAreRefused() {
        ByteBuffer probe = ByteBuffer.allocate(64);
        ProbePacket.encodeRequest(probe, HEADER, 20, 46);
        assertThat(PortTestPacket.isPortTestProtocol(probe.flip())).as("an RTP probe request is not a port test").isFalse();
        ByteBuffer shortList = ByteBuffer.allocate(64);
        PortTestPacket.encodeOpenRequest(shortList, HEADER, 5, List.of(10000, 10001));
        shortList.flip().limit(shortList.limit() - 3);
        assertThatThrownBy(() -> PortTestPacket.decodeOpenRequest(shortList)).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> PortTestPacket.encodeOpenRequest(ByteBuffer.allocate(200), HEADER, 11, List.of(10000)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
