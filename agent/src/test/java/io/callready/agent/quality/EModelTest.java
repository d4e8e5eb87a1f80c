package io.callready.agent.quality;

import io.callready.wire.rtp.Codec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EModelTest {

    @Test
    void defaultsGiveRo9477() {
        assertThat(EModel.ro()).isCloseTo(94.77, within(0.01));
    }

    @Test
    void defaultsGiveIs141() {
        assertThat(EModel.is(0)).isCloseTo(1.41, within(0.01));
    }

    @Test
    void defaultsGiveIdFromListenerEchoOnly() {
        assertThat(EModel.idte(0)).isZero();
        assertThat(EModel.idd(0)).isZero();
        assertThat(EModel.id(0, 0, 0)).isCloseTo(0.15, within(0.01));
    }

    @Test
    void defaultsGiveR932AndMos441() {
        EModel.Rating rating = EModel.rate(0, new CodecImpairment("defaults", 0, 4.3, false), 0, 1);
        assertThat(rating.r()).isCloseTo(93.2, within(0.05));
        assertThat(rating.mos()).isCloseTo(4.41, within(0.01));
    }

    @ParameterizedTest
    @CsvSource({"90, 4.34", "80, 4.03", "70, 3.60", "60, 3.10", "50, 2.58"})
    void annexBMosForG109Bands(double r, double mos) {
        assertThat(EModel.mos(r)).isCloseTo(mos, within(0.01));
    }

    @Test
    void mosIsClampedOutsideTheRatingScale() {
        assertThat(EModel.mos(-5)).isEqualTo(1.0);
        assertThat(EModel.mos(3.2)).isEqualTo(1.0);
        assertThat(EModel.mos(100.5)).isEqualTo(4.5);
    }

    @Test
    void iddStartsAboveMt() {
        assertThat(EModel.idd(100)).isZero();
        assertThat(EModel.idd(150)).isGreaterThan(0);
        assertThat(EModel.idd(400)).isGreaterThan(EModel.idd(200));
    }

    /**
     * standards.md worked example: RTT 80, jitter 8 (buffer 2 × 8 = 16 ms), 1 % random loss, G.711+PLC, 20 ms
     * → d = 76 ms. The reference's R 87.74 uses the Cole–Rosenbluth Id (0.024·d = 1.82); CallReady keeps the full
     * G.107 Id, which at d = 76 ms (T = Ta = 76, Tr = 152) is 2.19 because the echo terms Idte/Idle already
     * count below mT = 100 ms. R therefore comes out at 87.53, 0.21 below the reference: the stated tolerance is
     * ±0.3 R and ±0.02 MOS (4.27 vs 4.28).
     */
    @Test
    void workedExample() {
        assertThat(VoiceQuality.mouthToEarMs(80, 2 * 8, 20, Codec.PCMU)).isEqualTo(76.0);
        EModel.Rating rating = EModel.rate(76, CodecImpairment.G711_PLC, 1.0, 1.0);
        assertThat(rating.id()).isCloseTo(2.19, within(0.01));
        assertThat(rating.ieEff()).isCloseTo(95 / 26.1, within(1e-9));
        assertThat(rating.r()).isCloseTo(87.7, within(0.3));
        assertThat(rating.mos()).isCloseTo(4.28, within(0.02));
    }

    @Test
    void burstRatioTwoLowersR() {
        double random = EModel.rate(76, CodecImpairment.G711_PLC, 1.0, 1.0).r();
        double bursty = EModel.rate(76, CodecImpairment.G711_PLC, 1.0, 2.0).r();
        assertThat(bursty).isLessThan(random);
        assertThat(random - bursty).isCloseTo(0.07, within(0.01));
    }

    /** Reference 73.45 with the simplified Id; the full Id puts it 0.21 lower. */
    @Test
    void g711WithoutPlcAtOnePercent() {
        EModel.Rating rating = EModel.rate(76, CodecImpairment.G711_NO_PLC, 1.0, 1.0);
        assertThat(rating.r()).isCloseTo(73.4, within(0.3));
        assertThat(rating.mos()).isCloseTo(3.75, within(0.02));
    }

    @Test
    void g729AtOnePercent() {
        double d = VoiceQuality.mouthToEarMs(80, 2 * 8, 20, Codec.G729);
        assertThat(d).isEqualTo(81.0);
        assertThat(EModel.rate(d, CodecImpairment.G729, 1.0, 1.0).r()).isCloseTo(76.06, within(0.3));
    }

    @Test
    void mosNeverRisesWithMoreLoss() {
        double previous = Double.MAX_VALUE;
        for (double loss = 0; loss <= 30; loss += 0.25) {
            double mos = EModel.rate(50, CodecImpairment.G711_PLC, loss, 1.0).mos();
            assertThat(mos).isLessThanOrEqualTo(previous);
            previous = mos;
        }
    }

    @Test
    void mosNeverRisesWithMoreDelay() {
        double previous = Double.MAX_VALUE;
        for (double d = 0; d <= 800; d += 5) {
            double mos = EModel.rate(d, CodecImpairment.G711_PLC, 0.5, 1.0).mos();
            assertThat(mos).as("d=%s", d).isLessThanOrEqualTo(previous + 1e-12);
            previous = mos;
        }
    }

    @Test
    void mosNeverRisesWithMoreJitter() {
        double previous = Double.MAX_VALUE;
        for (double jitter = 0; jitter <= 200; jitter += 1) {
            // jitter costs twice: the buffer it takes and the late packets it leaves
            double mos = VoiceQuality.estimate(Codec.PCMU, 20, 40, 2 * jitter, 0.002 + jitter / 2000, 1.0).mos();
            assertThat(mos).isLessThanOrEqualTo(previous + 1e-12);
            previous = mos;
        }
    }
}
