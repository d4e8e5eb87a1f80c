package io.callready.collector.qos;

import io.callready.advice.SiteFacts;
import io.callready.wire.plan.LineRate;
import io.callready.wire.plan.ProbePlan;
import io.callready.wire.plan.RtpBurstSpec;
import io.callready.wire.plan.WanTrafficSpec;
import io.callready.wire.rtp.Codec;
import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdvisorFactsTest {
    @Test
    void lineRateComesFromTheWanTrafficProbeAndCodecFromTheBurst() {
        ProbePlan plan = new ProbePlan(List.of(
                new RtpBurstSpec("pbx", Duration.ofMinutes(5), "pbx.example.net:5004", Codec.G729, 30, Duration.ofSeconds(10), 34),
                WanTrafficSpec.local("wan", Duration.ofSeconds(60), "eth0", new LineRate(20_000_000L, 100_000_000L))));
        SiteFacts f = AdvisorFacts.of("Europe/Zurich", 12, "smartalex", plan, 1e9);
        assertThat(f.zone()).isEqualTo(ZoneId.of("Europe/Zurich"));
        assertThat(f.lineUpBps()).isEqualTo(2e7);
        assertThat(f.lineDownBps()).isEqualTo(1e8);
        assertThat(f.portSpeedBps()).isEqualTo(1e9);
        assertThat(f.codec()).isEqualTo("g729");
        assertThat(f.ptimeMs()).isEqualTo(30);
        assertThat(f.rtpDscp()).isEqualTo(34);
        assertThat(f.sipDscp()).isEqualTo(AdvisorFacts.DEFAULT_SIP_DSCP);
        assertThat(f.peakCalls()).isEqualTo(12);
        assertThat(f.profile()).isEqualTo("smartalex");
    }

    @Test
    void aPlanWithoutTheProbesGivesUnknownLineRateAndTheBurstDefaults() {
        SiteFacts f = AdvisorFacts.of("UTC", null, null, new ProbePlan(List.of(
                WanTrafficSpec.local("wan", Duration.ofSeconds(60), "lo", null))), null);
        assertThat(f.lineUpBps()).isNull();
        assertThat(f.lineDownBps()).isNull();
        assertThat(f.codec()).isEqualTo(RtpBurstSpec.DEFAULT_CODEC.wireName());
        assertThat(f.ptimeMs()).isEqualTo(RtpBurstSpec.DEFAULT_PTIME_MS);
        assertThat(f.rtpDscp()).isEqualTo(RtpBurstSpec.DSCP_EF);
        assertThat(f.peakCalls()).isNull();
    }

    @Test
    void aStoredZoneThatIsNoZoneThrowsSoTheJobSkipsTheSite() {
        assertThatThrownBy(() -> AdvisorFacts.of("Mars/Olympus_Mons", null, null, new ProbePlan(List.of()), null))
                .isInstanceOf(DateTimeException.class);
    }
}
