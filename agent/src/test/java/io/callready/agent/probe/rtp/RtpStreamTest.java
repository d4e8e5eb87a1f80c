package io.callready.agent.probe.rtp;

import io.callready.wire.rtp.Codec;
import io.callready.wire.rtp.RtpHeader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RtpStreamTest {

    @Test
    void markerOnFirstPacketThenSequenceAndTimestampAdvance() {
        RtpStream s = new RtpStream(0xDEADBEEFL, 100, 1000, Codec.PCMU.payloadType(), Codec.PCMU.timestampStep(20));
        RtpHeader first = s.header(0);
        RtpHeader second = s.header(1);
        assertThat(first).isEqualTo(new RtpHeader(true, 0, 100, 1000, 0xDEADBEEFL));
        assertThat(second).isEqualTo(new RtpHeader(false, 0, 101, 1160, 0xDEADBEEFL));
    }

    @Test
    void sequenceAndTimestampWrap() {
        RtpStream s = new RtpStream(1, 65535, 0xFFFF_FFFFL - 159, Codec.PCMA.payloadType(), 160);
        assertThat(s.header(1).sequence()).isZero();
        assertThat(s.header(1).timestamp()).isZero();
        assertThat(s.header(1).payloadType()).isEqualTo(8);
        assertThat(s.indexOf(0)).isEqualTo(1);
        assertThat(s.indexOf(65535)).isZero();
    }

    @Test
    void opusUsesItsFortyEightKilohertzClock() {
        RtpStream s = new RtpStream(1, 0, 0, Codec.OPUS.payloadType(), Codec.OPUS.timestampStep(20));
        assertThat(s.header(1).timestamp()).isEqualTo(960);
        assertThat(s.header(0).payloadType()).isEqualTo(111);
    }

    @Test
    void randomStreamsDiffer() {
        RtpStream a = RtpStream.random(Codec.PCMU, 20);
        RtpStream b = RtpStream.random(Codec.PCMU, 20);
        assertThat(a.ssrc() != b.ssrc() || a.header(0).sequence() != b.header(0).sequence()).isTrue();
    }
}
