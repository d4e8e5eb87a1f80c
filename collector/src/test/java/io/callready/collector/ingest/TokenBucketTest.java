package io.callready.collector.ingest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {
    @Test
    void burstThenRefillAtTheRate() {
        AtomicLong nanos = new AtomicLong();
        TokenBucket bucket = new TokenBucket(2, 3, nanos::get);
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.tryTake()).isZero();
        }
        assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(500));
        nanos.addAndGet(Duration.ofMillis(250).toNanos());
        assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(250));
        nanos.addAndGet(Duration.ofMillis(250).toNanos());
        assertThat(bucket.tryTake()).isZero();
        nanos.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.tryTake()).isZero();
        }
        assertThat(bucket.tryTake()).isPositive();
    }
}
