package io.callready.agent.probe.echo;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/** Echo pairing: an echo is filed under the packet whose send time it carries back, never under a namesake. */
class EchoSessionTest {
    private static final long T1 = 1_790_000_000_000_000_000L;

    private static ByteBuffer echo(int sequence, long sentNanos) {
        ByteBuffer b = ByteBuffer.allocate(EchoPayload.LENGTH);
        EchoPayload.encode(b, sequence, sentNanos);
        return b.flip();
    }

    @Test
    void anEchoOfAnEarlierRunWithTheSameNumberIsForeign() {
        EchoSession session = new EchoSession(null, 2, 20_000_000);
        session.sent(0, T1);
        session.received(echo(0, T1 - 3_000_000_000L), T1 + 40_000, -1);
        assertThat(session.arrivals).isZero();
        assertThat(session.foreign).isEqualTo(1);

        session.received(echo(0, T1), T1 + 50_000, -1);
        assertThat(session.arrivals).isEqualTo(1);
        assertThat(session.echoNanos[0] - session.sentNanos.get(0)).isEqualTo(50_000);
    }
}
