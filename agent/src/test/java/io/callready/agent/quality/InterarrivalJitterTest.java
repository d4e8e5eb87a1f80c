package io.callready.agent.quality;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InterarrivalJitterTest {
    private static final long MS = 1_000_000L;

    @Test
    void handComputedVector() {
        // sends every 20 ms; transits 10, 12, 9, 15, 10 ms → |D| = 2, 3, 6, 5
        // J1 = 2/16 = 0.125; J2 = 0.125 + (3 − 0.125)/16 = 0.3046875;
        // J3 = 0.3046875 + (6 − 0.3046875)/16 = 0.66064453125; J4 = 0.66064453125 + (5 − 0.66064453125)/16 = 0.93185424804...
        InterarrivalJitter j = new InterarrivalJitter();
        long[] send = {0, 20, 40, 60, 80};
        long[] arrive = {10, 32, 49, 75, 90};
        for (int i = 0; i < send.length; i++) {
            j.add(send[i] * MS, arrive[i] * MS);
        }
        assertThat(j.jitterMs()).isCloseTo(0.931854248046875, within(1e-12));
        assertThat(j.samples()).isEqualTo(5);
    }

    @Test
    void constantTransitHasNoJitterWhateverTheClockOffset() {
        InterarrivalJitter j = new InterarrivalJitter();
        for (int i = 0; i < 100; i++) {
            j.add(i * 20 * MS, 987_654_321_000L + i * 20 * MS);
        }
        assertThat(j.jitterMs()).isZero();
    }

    @Test
    void convergesToMeanAbsoluteTransitDifference() {
        InterarrivalJitter j = new InterarrivalJitter();
        for (int i = 0; i < 2000; i++) {
            long transit = (i % 2 == 0) ? 10 * MS : 14 * MS;
            j.add(i * 20 * MS, i * 20 * MS + transit);
        }
        assertThat(j.jitterMs()).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void singlePacketHasNoJitter() {
        InterarrivalJitter j = new InterarrivalJitter();
        j.add(0, 5 * MS);
        assertThat(j.jitterMs()).isZero();
    }
}
