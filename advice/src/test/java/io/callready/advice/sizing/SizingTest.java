package io.callready.advice.sizing;

import io.callready.advice.AdviceSettings;
import io.callready.advice.SiteFacts;
import io.callready.wire.rtp.Codec;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SizingTest {
    @Test
    void perCallBandwidthVectorsWithEthernetOverhead() {
        // (payload + 12 RTP + 8 UDP + 20 IPv4 + 18 Ethernet) × 8 × packets/s
        assertThat(CallBandwidth.perCallKbps(Codec.PCMU, 20)).isCloseTo(87.2, within(1e-9));
        assertThat(CallBandwidth.perCallKbps(Codec.PCMA, 20)).isCloseTo(87.2, within(1e-9));
        assertThat(CallBandwidth.perCallKbps(Codec.G722, 20)).isCloseTo(87.2, within(1e-9));
        assertThat(CallBandwidth.perCallKbps(Codec.G729, 20)).isCloseTo(31.2, within(1e-9));
        assertThat(CallBandwidth.perCallKbps(Codec.PCMU, 10)).isCloseTo(110.4, within(1e-9));   // 138 B × 100/s
        assertThat(CallBandwidth.perCallKbps(Codec.PCMU, 30)).isCloseTo(79.4667, within(1e-4)); // 298 B × 33.3/s
        assertThat(CallBandwidth.perCallKbps(Codec.G729, 40)).isCloseTo(19.6, within(1e-9));    // 98 B × 25/s
        assertThat(CallBandwidth.perCallKbps(Codec.OPUS, 20)).isCloseTo(47.2, within(1e-9));    // 118 B × 50/s
        assertThat(CallBandwidth.frameBytes(Codec.PCMU, 20)).isEqualTo(218);
    }

    private static SiteFacts facts(String codec, Integer calls, Double lineUp, Double port) {
        return new SiteFacts(ZoneId.of("UTC"), lineUp, lineUp == null ? null : lineUp * 5, port, codec, 20, calls, 46,
                34, null);
    }

    @Test
    void priorityIsCallsTimesPerCallPlusTenPercentAndTheShaperNinetyPercentOfTheContract() {
        Sizing s = Sizer.size(facts("pcmu", 4, 2e6, 1e9), AdviceSettings.defaults());
        assertThat(s.priorityKbps()).isEqualTo(384.0); // ceil(4 × 87.2 × 1.1 = 383.68)
        assertThat(s.shaperUpKbps()).isEqualTo(1800.0);
        assertThat(s.shaperDownKbps()).isEqualTo(9000.0);
        assertThat(s.lineRateSource()).isEqualTo("contracted");
        assertThat(s.signallingKbps()).isEqualTo(32.0);
        assertThat(s.notes()).isEmpty();
        Sizing g729 = Sizer.size(facts("g729", 10, 2e6, null), AdviceSettings.defaults());
        assertThat(g729.priorityKbps()).isEqualTo(344.0); // ceil(10 × 31.2 × 1.1 = 343.2)
    }

    @Test
    void saysWhenTheReservableLimitOrTheLinkItselfIsTooSmall() {
        Sizing tight = Sizer.size(facts("pcmu", 7, 1e6, null), AdviceSettings.defaults()); // 672 + 32 > 75 % of 900
        assertThat(tight.notes()).singleElement().asString().contains("max-reserved-bandwidth").contains("75 %");
        Sizing small = Sizer.size(facts("pcmu", 10, 1e6, null), AdviceSettings.defaults()); // 960 > 900
        assertThat(small.notes()).singleElement().asString().contains("cannot carry 10 calls");
    }

    @Test
    void withoutAContractTheShaperComesFromThePortSpeedAndSaysSo() {
        Sizing s = Sizer.size(facts("pcmu", null, null, 1e8), AdviceSettings.defaults());
        assertThat(s.lineRateSource()).isEqualTo("port");
        assertThat(s.shaperUpKbps()).isEqualTo(90_000.0);
        assertThat(s.priorityKbps()).isNull();
        assertThat(String.join("\n", s.notes())).contains("peak concurrent calls unknown").contains("port speed (100 Mbit/s)");
        Sizing none = Sizer.size(facts("opus", 2, null, null), AdviceSettings.defaults());
        assertThat(none.shaperUpKbps()).isNull();
        assertThat(none.lineRateSource()).isEqualTo("unknown");
    }
}
