package io.callready.wire.rtp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceTrackerTest {

    private static SequenceTracker feed(int minSequential, int... seqs) {
        SequenceTracker t = new SequenceTracker(minSequential);
        for (int s : seqs) {
            t.update(s);
        }
        return t;
    }

    @Test
    void inOrderStreamHasNoLoss() {
        SequenceTracker t = feed(1, 10, 11, 12, 13, 14);
        assertThat(t.expected()).isEqualTo(5);
        assertThat(t.received()).isEqualTo(5);
        assertThat(t.lost()).isZero();
        assertThat(t.duplicates()).isZero();
        assertThat(t.reordered()).isZero();
    }

    @Test
    void countsGapsAsLoss() {
        SequenceTracker t = feed(1, 100, 101, 104, 105);
        assertThat(t.expected()).isEqualTo(6);
        assertThat(t.lost()).isEqualTo(2);
    }

    @Test
    void wrapsAt65535() {
        SequenceTracker t = feed(1, 65533, 65534, 65535, 0, 1, 2);
        assertThat(t.extendedMax()).isEqualTo(65536 + 2);
        assertThat(t.expected()).isEqualTo(6);
        assertThat(t.lost()).isZero();
    }

    @Test
    void lossAcrossTheWrapIsCounted() {
        SequenceTracker t = feed(1, 65534, 65535, 2, 3);
        assertThat(t.expected()).isEqualTo(6);
        assertThat(t.lost()).isEqualTo(2);
    }

    @Test
    void reorderedPacketFillsItsGap() {
        SequenceTracker t = feed(1, 1, 2, 4, 3, 5);
        assertThat(t.reordered()).isEqualTo(1);
        assertThat(t.duplicates()).isZero();
        assertThat(t.lost()).isZero();
    }

    @Test
    void reorderedAcrossTheWrapDoesNotAddACycle() {
        SequenceTracker t = feed(1, 65534, 0, 65535, 1);
        assertThat(t.reordered()).isEqualTo(1);
        assertThat(t.expected()).isEqualTo(4);
        assertThat(t.lost()).isZero();
    }

    @Test
    void duplicatesAreCountedAndMakeRfcLossNegative() {
        SequenceTracker t = feed(1, 1, 2, 2, 3, 1);
        assertThat(t.duplicates()).isEqualTo(2);
        assertThat(t.reordered()).isZero();
        assertThat(t.received()).isEqualTo(5);
        assertThat(t.lost()).isEqualTo(-2);
        assertThat(t.lostDistinct()).isZero();
    }

    @Test
    void duplicateAfterTheWrapIsNotMistakenForThePreviousCycle() {
        SequenceTracker t = new SequenceTracker(1);
        for (int i = 0; i < 70_000; i++) {
            t.update(i & 0xFFFF);
        }
        t.update((70_000 - 5) & 0xFFFF);
        assertThat(t.duplicates()).isEqualTo(1);
        assertThat(t.reordered()).isZero();
        assertThat(t.lost()).isEqualTo(-1);
    }

    @Test
    void singleBigJumpIsDiscarded() {
        SequenceTracker t = feed(1, 1, 2, 3, 20_000, 4, 5);
        assertThat(t.expected()).isEqualTo(5);
        assertThat(t.received()).isEqualTo(5);
        assertThat(t.restarts()).isZero();
    }

    @Test
    void twoSequentialPacketsAfterABigJumpRestartTheSource() {
        SequenceTracker t = feed(1, 1, 2, 3, 20_000, 20_001, 20_002);
        assertThat(t.restarts()).isEqualTo(1);
        assertThat(t.expected()).isEqualTo(2);
        assertThat(t.received()).isEqualTo(2);
        assertThat(t.lost()).isZero();
    }

    @Test
    void gapBelowMaxDropoutIsLossNotAJump() {
        SequenceTracker t = feed(1, 0, 2999);
        assertThat(t.expected()).isEqualTo(3000);
        assertThat(t.lost()).isEqualTo(2998);
    }

    @Test
    void packetTooFarBehindIsTreatedAsAJump() {
        SequenceTracker t = feed(1, 1000, 1001, 1001 - SequenceTracker.MAX_MISORDER);
        assertThat(t.reordered()).isZero();
        assertThat(t.received()).isEqualTo(2);
    }

    @Test
    void rfcProbationNeedsTwoSequentialPackets() {
        SequenceTracker t = new SequenceTracker(SequenceTracker.MIN_SEQUENTIAL_DEFAULT);
        assertThat(t.update(500)).isFalse();
        assertThat(t.expected()).isZero();
        assertThat(t.update(501)).isTrue();
        assertThat(t.update(502)).isTrue();
        assertThat(t.received()).isEqualTo(2);
        assertThat(t.expected()).isEqualTo(2);
    }

    @Test
    void probationRestartsOnANonSequentialPacket() {
        SequenceTracker t = new SequenceTracker(2);
        assertThat(t.update(10)).isFalse();
        assertThat(t.update(50)).isFalse();
        assertThat(t.update(51)).isTrue();
        assertThat(t.expected()).isEqualTo(1);
    }

    @Test
    void nothingReceivedMeansNothingExpected() {
        SequenceTracker t = new SequenceTracker(1);
        assertThat(t.expected()).isZero();
        assertThat(t.lost()).isZero();
    }
}
