package io.callready.collector.ingest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class BehindGateTest {
    @Test
    void openWhileTheEvaluationKeepsUp() throws InterruptedException {
        BehindGate gate = new BehindGate(1, Duration.ofMillis(50), () -> false);
        BehindGate.Turn first = gate.enter();
        BehindGate.Turn second = gate.enter();
        assertThat(first).isNotNull();
        assertThat(second).as("no limit while not behind").isNotNull();
    }

    @Test
    void whileBehindOneBatchAtATimeAndTheNextWaitsForItsTurn() throws Exception {
        AtomicBoolean behind = new AtomicBoolean(true);
        BehindGate gate = new BehindGate(1, Duration.ofSeconds(10), behind::get);
        BehindGate.Turn first = gate.enter();
        assertThat(first).isNotNull();
        CompletableFuture<BehindGate.Turn> second = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.enter();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(second).as("waits while the first writes").isNotDone();
        first.close();
        assertThat(second.get(5, TimeUnit.SECONDS)).as("its turn once the first is written").isNotNull();
    }

    @Test
    void noTurnWithinTheWaitIsNull() throws InterruptedException {
        BehindGate gate = new BehindGate(2, Duration.ofMillis(100), () -> true);
        assertThat(gate.enter()).isNotNull();
        assertThat(gate.enter()).isNotNull();
        long start = System.nanoTime();
        assertThat(gate.enter()).as("both turns taken").isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aClosedTurnIsGivenBack() throws InterruptedException {
        BehindGate gate = new BehindGate(1, Duration.ofMillis(50), () -> true);
        for (int i = 0; i < 5; i++) {
            try (BehindGate.Turn turn = gate.enter()) {
                assertThat(turn).as("turn %d", i).isNotNull();
            }
        }
    }
}
