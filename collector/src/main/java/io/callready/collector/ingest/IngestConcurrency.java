package io.callready.collector.ingest;

import io.callready.collector.config.CollectorConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.Semaphore;

/**
 * At most {@code callready.ingest.max-concurrent} batches are written at once; more would only queue for database
 * connections. A batch beyond that is answered 503 with Retry-After at once, so agents back off instead of piling up.
 */
@ApplicationScoped
public class IngestConcurrency {
    @Inject
    CollectorConfig config;
    private Semaphore permits;

    @PostConstruct
    void init() {
        permits = new Semaphore(config.ingest().maxConcurrent());
    }

    public boolean tryEnter() {
        return permits.tryAcquire();
    }

    public void leave() {
        permits.release();
    }
}
