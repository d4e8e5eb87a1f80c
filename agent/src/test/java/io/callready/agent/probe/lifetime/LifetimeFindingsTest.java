package io.callready.agent.probe.lifetime;

import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LifetimeFindingsTest {
    private static final LifetimeFindings.Needs DIALSTACK = new LifetimeFindings.Needs(Duration.ofSeconds(20), Duration.ofSeconds(60), null);
    private static final LifetimeFindings.Needs NONE = new LifetimeFindings.Needs(null, null, null);

    private static LifetimeOutcome expired(MappingKind kind, long survived, long expired) {
        return new LifetimeOutcome(kind, survived, Optional.of(expired), 45_000, Optional.empty());
    }

    private static LifetimeOutcome survived(MappingKind kind, long survived) {
        return new LifetimeOutcome(kind, survived, Optional.empty(), survived, Optional.empty());
    }

    @Test
    void aRegistrationMappingShorterThanTheKeepaliveMeansInboundCallsDoNotRing() {
        LifetimeFindings f = LifetimeFindings.of(expired(MappingKind.TWO_WAY, 15_000, 20_000), survived(MappingKind.ONE_WAY, 45_000), DIALSTACK);
        assertThat(f.status()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(f.reason()).contains("inbound calls will not ring after about 15 s idle")
                .contains("before the provider's 20 s keepalive refreshes it")
                .contains("below the provider's minimum of 60 s").contains("at least 60 s");
        assertThat(f.metrics()).containsEntry("binding_survived_two_way_ms", 15_000.0).containsEntry("binding_expired_two_way_ms", 20_000.0)
                .containsEntry("binding_survived_one_way_ms", 45_000.0).doesNotContainKey("binding_expired_one_way_ms");
    }

    @Test
    void longerThanTheKeepaliveButBelowTheMinimumFailsOnlyTheMinimum() {
        LifetimeFindings f = LifetimeFindings.of(expired(MappingKind.TWO_WAY, 20_000, 25_000), expired(MappingKind.ONE_WAY, 35_000, 40_000), DIALSTACK);
        assertThat(f.status()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(f.reason()).doesNotContain("will not ring").contains("after 20–25 s, below the provider's minimum of 60 s")
                .contains("RTP flowing one way only").contains("35–40 s");
    }

    @Test
    void withoutProviderNeedsRfc4787sTwoMinutesIsTheYardstick() {
        assertThat(LifetimeFindings.of(expired(MappingKind.TWO_WAY, 90_000, 95_000), survived(MappingKind.ONE_WAY, 1_800_000), NONE).reason())
                .contains("RFC 4787 minimum of 120 s");
        LifetimeFindings ok = LifetimeFindings.of(expired(MappingKind.TWO_WAY, 300_000, 305_000), expired(MappingKind.ONE_WAY, 180_000, 185_000), NONE);
        assertThat(ok.status()).isEqualTo(ResultStatus.OK);
    }

    @Test
    void aCapShorterThanTheMinimumIsNotAPassButNotVerified() {
        LifetimeFindings f = LifetimeFindings.of(survived(MappingKind.TWO_WAY, 45_000), survived(MappingKind.ONE_WAY, 45_000), DIALSTACK);
        assertThat(f.status()).isEqualTo(ResultStatus.OK);
        assertThat(f.reason()).contains("survived 45 s idle").contains("not verified");
    }

    @Test
    void noServerMeansFailedWithTheReason() {
        LifetimeOutcome a = LifetimeOutcome.failed(MappingKind.TWO_WAY, 45_000, "no STUN answer from 192.0.2.1:3478");
        LifetimeOutcome b = LifetimeOutcome.failed(MappingKind.ONE_WAY, 45_000, "no STUN answer from 192.0.2.1:3478");
        LifetimeFindings f = LifetimeFindings.of(a, b, DIALSTACK);
        assertThat(f.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(f.reason()).isEqualTo("no STUN answer from 192.0.2.1:3478");
        assertThat(f.metrics()).containsOnlyKeys("binding_cap_ms");
    }
}
