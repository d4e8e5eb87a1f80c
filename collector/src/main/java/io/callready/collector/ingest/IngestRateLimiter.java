package io.callready.collector.ingest;

import io.callready.collector.config.CollectorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-agent request rate for ingest ({@code callready.ingest.rate-limit.*}): a healthy agent ships a batch every few
 * seconds, even while draining a backlog; one that sends much faster is looping, and gets 429 with Retry-After.
 */
@ApplicationScoped
public class IngestRateLimiter {
    private final Map<UUID, TokenBucket> buckets = new ConcurrentHashMap<>();
    @Inject
    CollectorConfig config;

    /** @return zero when the request may go ahead, otherwise how long the agent should wait */
    public Duration tryAcquire(UUID agentId) {
        CollectorConfig.RateLimit limit = config.ingest().rateLimit();
        return buckets.computeIfAbsent(agentId, id -> new TokenBucket(limit.requestsPerSecond(), limit.burst(), System::nanoTime)).tryTake();
    }
}
