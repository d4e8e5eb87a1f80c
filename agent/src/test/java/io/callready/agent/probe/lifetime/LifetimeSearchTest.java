package io.callready.agent.probe.lifetime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LifetimeSearchTest {
    /** Runs the search against a NAT that forgets after {@code lifetimeMs}, the way the probe runs batches. */
    private static long[] simulate(LifetimeSearch s, long lifetimeMs) {
        long wallMs = 0;
        int trials = 0;
        for (List<Long> batch = s.nextBatch(); !batch.isEmpty(); batch = s.nextBatch()) {
            long batchWall = 0;
            for (long t : batch) {
                trials++;
                batchWall = t;
                boolean survived = t < lifetimeMs;
                s.record(t, survived);
                if (!survived) break;
            }
            wallMs += batchWall;
        }
        return new long[]{wallMs, trials};
    }

    @ParameterizedTest(name = "lifetime {0} ms")
    @CsvSource({
            // lifetime, survived, expired,  wall ms (sum of each batch's longest trial)
            "25000,      24000,    28800,    76800",
            "40000,      38400,    43200,    91200",
            "30000,      28800,    33600,    81600",
            "7000,       6000,     7200,     19200",
    })
    void findsTheLifetimeWithinTheResolution(long lifetime, long survived, long expired, long wall) {
        LifetimeSearch s = new LifetimeSearch(6000, 1_800_000, 5000, 4);
        long[] run = simulate(s, lifetime);
        assertThat(s.survivedMs()).isEqualTo(survived);
        assertThat(s.expiredMs()).contains(expired);
        assertThat(s.expiredMs().orElseThrow() - s.survivedMs()).isLessThanOrEqualTo(5000);
        assertThat(lifetime).isBetween(s.survivedMs(), s.expiredMs().orElseThrow());
        assertThat(run[0]).isEqualTo(wall);
    }

    @Test
    void theLadderDoublesUpToTheCapAndEndsOnIt() {
        LifetimeSearch s = new LifetimeSearch(6000, 1_800_000, 5000, 4);
        assertThat(s.nextBatch()).containsExactly(6000L, 12000L, 24000L, 48000L, 96000L, 192000L, 384000L, 768000L, 1536000L, 1800000L);
    }

    @Test
    void aMappingThatOutlivesTheCapEndsTheSearchWithoutAnExpiry() {
        LifetimeSearch s = new LifetimeSearch(6000, 45000, 5000, 4);
        long[] run = simulate(s, 120_000);
        assertThat(s.survivedMs()).isEqualTo(45000);
        assertThat(s.expiredMs()).isEmpty();
        assertThat(run[0]).isEqualTo(45000);
        assertThat(run[1]).isEqualTo(4);
    }

    @Test
    void aMappingGoneBeforeTheFirstTrialIsBoundedByIt() {
        LifetimeSearch s = new LifetimeSearch(6000, 45000, 5000, 4);
        simulate(s, 3000);
        assertThat(s.expiredMs()).isPresent();
        assertThat(s.expiredMs().get()).isLessThanOrEqualTo(6000);
        assertThat(s.survivedMs()).isLessThan(3000);
        assertThat(s.expiredMs().get() - s.survivedMs()).isLessThanOrEqualTo(5000);
    }

    @Test
    void aLostAnswerAfterALongerSurvivorKeepsTheShorterExpiry() {
        LifetimeSearch s = new LifetimeSearch(6000, 45000, 5000, 4);
        s.nextBatch();
        s.record(24000, true);
        s.record(12000, false);
        assertThat(s.expiredMs()).contains(12000L);
        assertThat(s.survivedMs()).isZero();
    }

    @ParameterizedTest(name = "grid, lifetime {0} ms")
    @CsvSource({"25000, 20000, 25000, 25000", "40000, 35000, 40000, 40000", "24000, 20000, 25000, 25000"})
    void theFastGridEndsAtTheFirstExpiryWithinOneStep(long lifetime, long survived, long expired, long wall) {
        LifetimeSearch s = LifetimeSearch.grid(5000, 45000);
        long[] run = simulate(s, lifetime);
        assertThat(s.survivedMs()).isEqualTo(survived);
        assertThat(s.expiredMs()).contains(expired);
        assertThat(run[0]).isEqualTo(wall);
    }

    @Test
    void theFastGridCoversTheCapInOneBatch() {
        LifetimeSearch s = LifetimeSearch.grid(5000, 45000);
        List<Long> batch = s.nextBatch();
        assertThat(batch).containsExactly(5000L, 10000L, 15000L, 20000L, 25000L, 30000L, 35000L, 40000L, 45000L);
        batch.forEach(t -> s.record(t, true));
        assertThat(s.survivedMs()).isEqualTo(45000);
        assertThat(s.nextBatch()).isEmpty();
    }
}
