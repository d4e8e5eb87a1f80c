package io.callready.agent.probe.rtp;

import io.callready.wire.clock.ClockSync;
import io.callready.wire.rtp.ProbePacket;
import io.callready.wire.rtp.RtpHeader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DelayModelTest {
    private static final long MS = 1_000_000L;
    private static final RtpHeader HEADER = new RtpHeader(false, 0, 1, 0, 42);
    private static final ClockSync SYNCED = ClockSync.synchronisedWithin(250);

    /** Five packets 160 ms up and 15 ms down, the reflector's clock {@code offsetMs} ahead of the agent's. */
    private static BurstLog asymmetric(double offsetMs) {
        BurstLog log = new BurstLog(5);
        for (int i = 0; i < 5; i++) {
            long t1 = i * 20 * MS;
            log.markSent(i, t1);
            long t2 = t1 + 160 * MS;
            long hold = MS / 10;
            long t4 = t2 + hold + 15 * MS;
            log.recordReply(i, t4, new ProbePacket.Reply(HEADER, ProbePacket.TOS_UNKNOWN, t2 + (long) (offsetMs * MS), hold, i + 1));
        }
        return log;
    }

    @Test
    void synchronisedClocksGiveOneWayDelaysWithTheSumOfBothErrorBounds() {
        DelayModel d = DelayModel.of(asymmetric(0.3), SYNCED, ClockSync.synchronisedWithin(750));
        assertThat(d.oneWay()).isTrue();
        assertThat(d.upMs()).isCloseTo(160.3, within(1e-9));
        assertThat(d.downMs()).isCloseTo(14.7, within(1e-9));
        assertThat(d.errorMs()).isCloseTo(1.0, within(1e-12));
        assertThat(d.reason()).isNull();
    }

    @Test
    void clocksThatClaimSyncButDisagreeBeyondTheirBoundFallBackToRttHalf() {
        DelayModel d = DelayModel.of(asymmetric(40), SYNCED, SYNCED);
        assertThat(d.oneWay()).isFalse();
        assertThat(d.reason()).contains("contradict").contains("-25.000 ms down");
    }

    @Test
    void anUnknownOrUnsynchronisedEndFallsBackAndSaysWhich() {
        BurstLog log = asymmetric(0);
        assertThat(DelayModel.of(log, SYNCED, null).reason()).startsWith("the reflector did not say");
        assertThat(DelayModel.of(log, SYNCED, ClockSync.UNKNOWN).reason()).startsWith("the reflector did not say");
        assertThat(DelayModel.of(log, ClockSync.UNKNOWN, SYNCED).reason()).startsWith("this host's clock synchronisation status cannot be read");
        assertThat(DelayModel.of(log, ClockSync.unsynchronised(), SYNCED).reason()).startsWith("this host's clock is not synchronised");
        assertThat(DelayModel.of(log, ClockSync.unsynchronised(), ClockSync.unsynchronised()).reason()).startsWith("neither clock is synchronised");
    }
}
