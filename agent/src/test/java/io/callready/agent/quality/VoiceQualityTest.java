package io.callready.agent.quality;

import io.callready.wire.rtp.Codec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VoiceQualityTest {

    @Test
    void mouthToEarAddsHalfRttJitterBufferPtimeAndLookahead() {
        assertThat(VoiceQuality.mouthToEarMs(80, 8, 20, Codec.PCMU)).isEqualTo(40 + 16 + 20 + 0.0);
        assertThat(VoiceQuality.mouthToEarMs(80, 8, 20, Codec.G729)).isEqualTo(40 + 16 + 20 + 5.0);
        assertThat(VoiceQuality.mouthToEarMs(10, 0, 30, Codec.OPUS)).isEqualTo(5 + 0 + 30 + 6.5);
    }

    /** Even a perfect path carries 20 ms of packetisation, which switches on the echo terms (Idte + Idle ≈ 0.8). */
    @Test
    void cleanLoopbackPathScoresNearTheMaximum() {
        VoiceQuality.Estimate e = VoiceQuality.estimate(Codec.PCMU, 20, 0.2, 0.01, 0, 1);
        assertThat(e.rFactor()).isCloseTo(92.5, within(0.1));
        assertThat(e.mos()).isCloseTo(4.40, within(0.01));
        assertThat(e.provisional()).isFalse();
    }

    @Test
    void wideBandCodecsAreProvisional() {
        assertThat(VoiceQuality.estimate(Codec.G722, 20, 10, 1, 0, 1).provisional()).isTrue();
        assertThat(VoiceQuality.estimate(Codec.OPUS, 20, 10, 1, 0, 1).provisional()).isTrue();
        assertThat(CodecImpairment.of(Codec.PCMA)).isEqualTo(CodecImpairment.G711_PLC);
        assertThat(CodecImpairment.of(Codec.G729)).isEqualTo(CodecImpairment.G729);
    }

    @Test
    void workedExampleThroughTheMeasurementInterface() {
        VoiceQuality.Estimate e = VoiceQuality.estimate(Codec.PCMU, 20, 80, 8, 0.01, 1.0);
        assertThat(e.mouthToEarMs()).isEqualTo(76.0);
        assertThat(e.rFactor()).isCloseTo(87.7, within(0.3));
        assertThat(e.mos()).isCloseTo(4.28, within(0.02));
    }
}
