package io.callready.agent.probe.rtp;

import org.junit.jupiter.api.Test;

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
}
