package io.callready.agent.probe.stamp;

import io.callready.wire.plan.StampReflectorMode;
import io.callready.wire.stamp.ErrorEstimate;
import io.callready.wire.stamp.NtpTimestamp;
import io.callready.wire.stamp.StampReflectorPacket;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/** Reply pairing: a reply is filed under the packet whose send time it echoes, never under a namesake. */
class StampSessionTest {
    private static final long EPOCH = 1_790_000_000_000_000_000L;
    private static final long MS = 1_000_000L;

    private static ByteBuffer reply(long senderSequence, long senderT1, long t2, long t3) {
        ByteBuffer out = ByteBuffer.allocate(StampReflectorPacket.LENGTH);
        new StampReflectorPacket(senderSequence, NtpTimestamp.ofEpochNanos(t3), ErrorEstimate.UNSYNCED_MILLISECOND,
                NtpTimestamp.ofEpochNanos(t2), senderSequence, NtpTimestamp.ofEpochNanos(senderT1),
                ErrorEstimate.UNSYNCED_MILLISECOND, 64).encode(out, StampReflectorPacket.LENGTH);
        return out.flip();
    }

    @Test
    void aLateReplyOfAnEarlierSessionWithTheSameNumberIsIgnored() {
        StampSession session = new StampSession(null, 2, 20 * MS, StampReflectorMode.STATELESS);
        long t1 = EPOCH + 100 * MS;
        session.sent(0, t1);
        // an earlier session's packet 0, sent 3 s before, answered with a hold of 1 ms: paired with this packet 0
        // it would give an RTT of 50 µs − 1 ms
        session.received(reply(0, t1 - 3_000 * MS, EPOCH + 7 * MS, EPOCH + 8 * MS), t1 + 50_000, -1);
        assertThat(session.log().answeredCount()).isZero();

        session.received(reply(0, t1, EPOCH + 9 * MS, EPOCH + 9 * MS + 10_000), t1 + 60_000, -1);
        assertThat(session.log().answeredCount()).isEqualTo(1);
        assertThat(session.log().maxRttNanos()).isEqualTo(50_000);
    }
}
