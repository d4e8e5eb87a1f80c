package io.callready.collector.ingest;

import io.callready.collector.alert.EvaluationLag;
import io.callready.collector.config.CollectorConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.Semaphore;

/**
 * At most {@code callready.ingest.max-concurrent} batches are written at once; more would only queue for database
 * connections. A batch beyond that is answered 503 with Retry-After at once, so agents back off instead of piling up.
 * While the alert evaluation is behind, batches also wait for one of {@code callready.ingest.while-behind.max-concurrent}
 * turns ({@link BehindGate}).
 */
@ApplicationScoped
public class IngestConcurrency {
    @Inject
    CollectorConfig config;
    @Inject
    EvaluationLag lag;
    private Semaphore permits;
    private BehindGate gate;

    @PostConstruct
    void init() {
        permits = new Semaphore(config.ingest().maxConcurrent());
        gate = new BehindGate(config.ingest().whileBehind().maxConcurrent(), config.ingest().whileBehind().maxWait(), lag::behind);
    }

    /** A turn to write (at once unless the evaluation is behind), or null when none came within the wait. */
    BehindGate.Turn awaitTurn() throws InterruptedException {
        return gate.enter();
    }

    public boolean tryEnter() {
        return permits.tryAcquire();
    }

    public void leave() {
        permits.release();
    }
}
