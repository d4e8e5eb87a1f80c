package io.callready.agent.probe.rtp;

import io.callready.wire.rtp.ProbePacket;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BurstLogTest {
    @Test
    void aKernelTransmitStampReplacesTheUserSpaceT1OnceAndOnlyWhenLater() {
        BurstLog log = new BurstLog(3);
        log.markSent(0, 1_000);
        log.markSent(1, 2_000);
        log.markSentByKernel(0, 1_040);
        log.markSentByKernel(0, 1_090);
        log.markSentByKernel(1, 1_999);
        log.markSentByKernel(2, 3_000);

        assertThat(log.sentNanos(0)).as("first kernel stamp taken, a repeat ignored").isEqualTo(1_040);
        assertThat(log.sentNanos(1)).as("a stamp before the send is not taken").isEqualTo(2_000);
        assertThat(log.wasSent(2)).as("a stamp for a packet never sent").isFalse();
        assertThat(log.kernelTxStamps()).isEqualTo(1);
    }

    @Test
    void theReflectorKernelsT3ReplacesTheHoldOfTheArrivalTheReplyAnswered() {
        BurstLog log = new BurstLog(4);
        for (int i = 0; i < 4; i++) {
            log.markSent(i, 1_000_000L * i);
            // T2 = 5,000 + i ms on the reflector's clock, user hold 30 µs, round trip 200 µs
            log.recordReply(i, 1_000_000L * i + 200_000, 5_000_000_000L + i, 30_000, i + 1, 0xB8);
        }
        log.useKernelHolds(List.of(
                new ProbePacket.Arrival(0, 0xB8, 5_000_000_000L, 5_000_000_000L + 35_000),
                new ProbePacket.Arrival(1, 0xB8, 4_999_000_000L, 4_999_000_000L + 10_000),
                new ProbePacket.Arrival(1, 0xB8, 5_000_000_001L, 0),
                new ProbePacket.Arrival(2, 0xB8, 5_000_000_002L, 5_000_000_002L + 250_000),
                new ProbePacket.Arrival(3, 0xB8, 5_000_000_003L, 5_000_000_003L + 36_000),
                new ProbePacket.Arrival(3, 0xB8, 5_000_000_003L, 5_000_000_003L + 90_000)), seq -> seq);

        assertThat(log.holdNanos[0]).as("kernel T3 − T2").isEqualTo(35_000);
        assertThat(log.holdNanos[1]).as("another arrival's T2 (a duplicate's), then no kernel stamp: the reply's hold")
                .isEqualTo(30_000);
        assertThat(log.holdNanos[2]).as("a hold beyond the round trip is not taken").isEqualTo(30_000);
        assertThat(log.holdNanos[3]).as("the first matching record only").isEqualTo(36_000);
        assertThat(log.kernelHolds()).isEqualTo(2);
        assertThat(log.timedCount()).isEqualTo(4);
    }
}
