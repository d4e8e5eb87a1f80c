package io.callready.reflector;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamSessionTest {

    @Test
    void countsInOrderStreamAcrossSequenceWrap() {
        var s = new UpstreamSession(new ArrivalBudget(ArrivalBudget.DEFAULT_RECORDS));
        for (int i = 0; i < 100; i++) {
            s.onRequest((65_500 + i) & 0xFFFF, i, 0, 0xFF);
        }
        var st = s.stats();
        assertThat(st.received()).isEqualTo(100);
        assertThat(st.duplicates()).isZero();
        assertThat(st.reordered()).isZero();
        assertThat(st.highestExtendedSeq()).isEqualTo(65_500 + 99);
    }

    @Test
    void tellsDuplicatesFromReorderedPackets() {
        var s = new UpstreamSession(new ArrivalBudget(ArrivalBudget.DEFAULT_RECORDS));
        int[] arrivals = {10, 11, 13, 12, 12, 14, 11, 15};
        for (int seq : arrivals) {
            s.onRequest(seq, 0, 0, 0xFF);
        }
        var st = s.stats();
        assertThat(st.received()).isEqualTo(6);
        assertThat(st.duplicates()).isEqualTo(2);
        assertThat(st.reordered()).isEqualTo(1);
        assertThat(st.highestExtendedSeq()).isEqualTo(15);
    }

    @Test
    void reorderingAcrossWrapIsNotMistakenForAJump() {
        var s = new UpstreamSession(new ArrivalBudget(ArrivalBudget.DEFAULT_RECORDS));
        s.onRequest(65_534, 0, 0, 0xFF);
        s.onRequest(0, 0, 0, 0xFF);
        s.onRequest(65_535, 0, 0, 0xFF);
        s.onRequest(1, 0, 0, 0xFF);
        var st = s.stats();
        assertThat(st.received()).isEqualTo(4);
        assertThat(st.reordered()).isEqualTo(1);
        assertThat(st.highestExtendedSeq()).isEqualTo(65_537);
    }

    @Test
    void aSequenceNumberSeenAgainAfterAFullCycleIsNotADuplicate() {
        var s = new UpstreamSession(new ArrivalBudget(ArrivalBudget.DEFAULT_RECORDS));
        for (int i = 0; i < 3 * 65_536; i++) {
            s.onRequest(i & 0xFFFF, 0, 0, 0xFF);
        }
        assertThat(s.stats().duplicates()).isZero();
        assertThat(s.stats().received()).isEqualTo(3L * 65_536);
    }

    @Test
    void numbersRepliesFromOne() {
        var s = new UpstreamSession(new ArrivalBudget(ArrivalBudget.DEFAULT_RECORDS));
        assertThat(s.nextReplyIndex()).isEqualTo(1);
        assertThat(s.nextReplyIndex()).isEqualTo(2);
        assertThat(s.stats().repliesSent()).isEqualTo(2);
    }
}
