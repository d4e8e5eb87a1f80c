package io.callready.agent.probe.rtpports;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class PortSamplingTest {
    private static NavigableMap<Integer, Boolean> answers(int from, int to, int blockedFrom, int blockedTo, List<Integer> ports) {
        NavigableMap<Integer, Boolean> m = new TreeMap<>();
        for (int p : ports) m.put(p, p < blockedFrom || p > blockedTo);
        return m;
    }

    @Test
    void spreadHasBothEndsAndEvenSteps() {
        assertThat(PortSampling.spread(10000, 20000, 5)).containsExactly(10000, 12500, 15000, 17500, 20000);
        assertThat(PortSampling.spread(9000, 9255, 12)).hasSize(12).startsWith(9000).endsWith(9255);
        assertThat(PortSampling.spread(5000, 5002, 12)).as("a range smaller than the count").containsExactly(5000, 5001, 5002);
    }

    @Test
    void blockedSamplesMergeIntoRangesExactOnlyWhenTheNeighboursAreAdjacent() {
        NavigableMap<Integer, Boolean> m = answers(10000, 20000, 15000, 15999, PortSampling.spread(10000, 20000, 11));
        // samples every 1000: 15000 is the only blocked one, its neighbours 14000 and 16000 answered
        assertThat(PortSampling.blocked(m, 10000, 20000)).containsExactly(new PortSampling.Blocked(15000, 15000, false));
        m.put(14999, true);
        m.put(15999, false);
        m.put(16000, true);
        assertThat(PortSampling.blocked(m, 10000, 20000)).containsExactly(new PortSampling.Blocked(15000, 15999, true));
        m.put(20000, false);
        m.put(19999, true);
        assertThat(PortSampling.blocked(m, 10000, 20000)).as("the range's own end counts as an edge")
                .containsExactly(new PortSampling.Blocked(15000, 15999, true), new PortSampling.Blocked(20000, 20000, true));
    }

    @Test
    void edgeSearchFindsTheExactSliceInAFewRounds() {
        int from = 10000, to = 20000, blockedFrom = 15000, blockedTo = 15999;
        NavigableMap<Integer, Boolean> m = answers(from, to, blockedFrom, blockedTo, PortSampling.spread(from, to, 12));
        int rounds = 0;
        List<Integer> next;
        while (!(next = PortSampling.edgeProbes(m, RtpPortsProbe.PROBES_PER_GAP)).isEmpty() && rounds < RtpPortsProbe.MAX_REFINE_ROUNDS) {
            m.putAll(answers(from, to, blockedFrom, blockedTo, next));
            rounds++;
        }
        assertThat(PortSampling.blocked(m, from, to)).containsExactly(new PortSampling.Blocked(15000, 15999, true));
        assertThat(rounds).as("15 probes per gap narrow a gap of ~900 ports in 3 rounds").isLessThanOrEqualTo(3);
        assertThat(m).as("ports tested in all").hasSizeLessThan(12 + 3 * 2 * RtpPortsProbe.PROBES_PER_GAP + 1);
    }

    @Test
    void noBlockedSampleNeedsNoRefinement() {
        NavigableMap<Integer, Boolean> m = answers(10000, 20000, 0, 0, PortSampling.spread(10000, 20000, 12));
        assertThat(PortSampling.blocked(m, 10000, 20000)).isEmpty();
        assertThat(PortSampling.edgeProbes(m, 15)).isEmpty();
    }

    @Test
    void sourcePortBehaviour() {
        assertThat(SourcePorts.behaviour(40000, List.of(40000, 40000))).isEqualTo(SourcePorts.PRESERVED);
        assertThat(SourcePorts.behaviour(40000, List.of(1024, 1024))).isEqualTo(SourcePorts.TRANSLATED);
        assertThat(SourcePorts.behaviour(40000, List.of(1024, 1025))).isEqualTo(SourcePorts.VARIES);
        assertThat(SourcePorts.behaviour(40000, List.of())).isEqualTo(SourcePorts.UNKNOWN);
    }
}
