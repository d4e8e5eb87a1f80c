package io.callready.wire.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every probe kind takes intervals from 1 s to 24 h, the range of the {@code interval} label its results carry. */
class PlanIntervalTest {
    static final List<Function<Duration, ProbeSpec>> EVERY_KIND = List.of(
            i -> new RtpBurstSpec(null, i, "192.0.2.1:5004", null, null, Duration.ofMillis(200), null),
            i -> new StampSpec(null, i, "192.0.2.1:862", null, null, null, Duration.ofMillis(200), null, null, null),
            i -> new UdpEchoSpec(null, i, "192.0.2.1:7", null, Duration.ofMillis(200), null),
            i -> new SipOptionsSpec(null, i, "sip:pbx.example.net", null, null, null),
            i -> new SipAlgSpec(null, i, "r.example.net", null, null, null, null),
            i -> new SipFragmentationSpec(null, i, "r.example.net", null, null, null),
            i -> new ProfileCheckSpec(null, i, "generic", null, null),
            i -> new NatBehaviourSpec(null, i, "192.0.2.1:3478", null, null),
            i -> new UdpLifetimeSpec(null, i, "192.0.2.1:3478", null, null, null, null, null, null, null, null));

    @Test
    void theBoundsAreAccepted() {
        for (Function<Duration, ProbeSpec> kind : EVERY_KIND) {
            assertThat(kind.apply(Duration.ofSeconds(1)).interval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(kind.apply(Duration.ofHours(24)).interval()).isEqualTo(Duration.ofHours(24));
        }
    }

    @Test
    void justOutsideTheBoundsIsRefusedNamingInterval() {
        for (Function<Duration, ProbeSpec> kind : EVERY_KIND) {
            assertThatThrownBy(() -> kind.apply(Duration.ofMillis(999))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("interval must be between 1s and 24h, got 999ms");
            assertThatThrownBy(() -> kind.apply(Duration.ofHours(24).plusSeconds(1))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("interval must be between 1s and 24h, got 86401s");
        }
    }

    @Test
    void aDurationTooLongToHoldIsADurationErrorNotAnOverflow() {
        assertThatThrownBy(() -> DurationText.parse("3000000000000000h")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than any duration");
        assertThatThrownBy(() -> DurationText.parse("99999999999999999999999s")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than any duration");
        assertThat(DurationText.wellFormed("3000000000000000h")).isTrue();
        assertThat(DurationText.wellFormed("10 sec")).isFalse();
    }

    @Test
    void sipTimeoutsAreBounded() {
        assertThatThrownBy(() -> new SipAlgSpec(null, null, "r.example.net", null, null, null, Duration.ofMillis(99)))
                .hasMessage("timeout must be between 100ms and 1m, got 99ms");
        assertThatThrownBy(() -> new SipFragmentationSpec(null, null, "r.example.net", null, null, Duration.ofSeconds(11)))
                .hasMessage("timeout must be between 100ms and 10s, got 11s");
        assertThatThrownBy(() -> new SipOptionsSpec(null, null, "sip:x", null, Duration.ofMinutes(2), null))
                .hasMessage("timeout must be between 100ms and 1m, got 2m");
    }
}
