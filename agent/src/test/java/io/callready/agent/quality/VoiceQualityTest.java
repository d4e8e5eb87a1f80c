package io.callready.agent.quality;

import io.callready.wire.rtp.Codec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VoiceQualityTest {

    @Test
    void mouthToEarAddsHalfRttJitterBufferPtimeAndLookahead() {
        assertThat(VoiceQuality.mouthToEarMs(80, 16, 20, Codec.PCMU)).isEqualTo(40 + 16 + 20 + 0.0);
        assertThat(VoiceQuality.mouthToEarMs(80, 16, 20, Codec.G729)).isEqualTo(40 + 16 + 20 + 5.0);
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

    /** Total loss and seconds of delay push the model's sum below zero; the rating is G.107's worst, R 0 and MOS 1. */
    @Test
    void aPathWorseThanTheScaleRatesZeroNotBelow() {
        assertThat(EModel.rate(3000, CodecImpairment.of(Codec.PCMU), 100, 1).r()).isNegative();
        VoiceQuality.Estimate e = VoiceQuality.estimate(Codec.PCMU, 20, 6000, 200, 1.0, 1);
        assertThat(e.rFactor()).isZero();
        assertThat(e.mos()).isEqualTo(1.0);
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
        VoiceQuality.Estimate e = VoiceQuality.estimate(Codec.PCMU, 20, 80, 2 * 8, 0.01, 1.0);
        assertThat(e.mouthToEarMs()).isEqualTo(76.0);
        assertThat(e.rFactor()).isCloseTo(87.7, within(0.3));
        assertThat(e.mos()).isCloseTo(4.28, within(0.02));
    }

    @Test
    void whatIfRatesEveryCodecOnTheSameMeasurementAndTakesTheWorseDirection() {
        PlayoutLoss clean = lossOf(new boolean[100]);
        boolean[] onePercent = new boolean[100];
        onePercent[50] = true;
        PlayoutLoss lossy = lossOf(onePercent);
        var whatIf = VoiceQuality.whatIf(20, 80, clean, lossy);
        assertThat(whatIf).containsOnlyKeys(Codec.values());
        assertThat(whatIf.get(Codec.PCMU)).isEqualTo(VoiceQuality.estimate(Codec.PCMU, 20, 80, 16, 0.01, lossy.burstRatio()));
        assertThat(whatIf.get(Codec.PCMA)).isEqualTo(whatIf.get(Codec.PCMU));
        assertThat(whatIf.get(Codec.G729).mos()).isCloseTo(EModel.mos(EModel.rate(81, CodecImpairment.G729, 1.0, lossy.burstRatio()).r()), within(1e-12));
        assertThat(whatIf.get(Codec.G729).mos()).isLessThan(whatIf.get(Codec.PCMU).mos());
        assertThat(whatIf.get(Codec.G722).provisional()).isTrue();
        assertThat(whatIf.get(Codec.OPUS).provisional()).isTrue();
        assertThat(whatIf.get(Codec.G729).provisional()).isFalse();
    }

    /** 100 packets with constant transit through a 16 ms fixed buffer; {@code lostAt[i]} drops packet i. */
    private static PlayoutLoss lossOf(boolean[] lostAt) {
        boolean[] received = new boolean[lostAt.length];
        double[] transit = new double[lostAt.length];
        for (int i = 0; i < lostAt.length; i++) {
            received[i] = !lostAt[i];
            transit[i] = lostAt[i] ? Double.NaN : 30;
        }
        return PlayoutLoss.of(new StreamTrace(received, transit), new FixedJitterBuffer(16));
    }
}
