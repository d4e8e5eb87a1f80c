package io.callready.advice.verdict;

import io.callready.advice.Direction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LoadStatsTest {
    @Test
    void fisherExactUpperTailMatchesHandCountedTables() {
        // 3 of 3 loaded breach, 0 of 3 quiet: C(3,3)·C(3,0) / C(6,3) = 1/20
        assertThat(new LoadStats(Direction.UP, 3, 3, 3, 0).fisherP()).isCloseTo(0.05, within(1e-12));
        // 2 of 4 vs 1 of 4: P(X ≥ 2) = (C(3,2)·C(5,2) + C(3,3)·C(5,1)) / C(8,4) = (30 + 5) / 70
        assertThat(new LoadStats(Direction.UP, 4, 2, 4, 1).fisherP()).isCloseTo(0.5, within(1e-12));
        // 0 of 5 vs 2 of 5: every table has at least 0 loaded breaches
        assertThat(new LoadStats(Direction.UP, 5, 0, 5, 2).fisherP()).isCloseTo(1, within(1e-12));
    }

    @Test
    void withoutBothGroupsOrWithoutBreachesThereIsNoEvidence() {
        assertThat(new LoadStats(Direction.UP, 10, 10, 0, 0).fisherP()).isEqualTo(1);
        assertThat(new LoadStats(Direction.UP, 0, 0, 10, 3).fisherP()).isEqualTo(1);
        assertThat(new LoadStats(Direction.UP, 10, 0, 10, 0).fisherP()).isEqualTo(1);
    }
}
