package io.callready.collector.ingest;

import io.callready.collector.auth.CurrentAgent;
import io.callready.collector.problem.ProblemException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import java.time.Duration;

/** After the agent is known and before the body is read: 429 with Retry-After for an agent over its rate. */
@Provider
@IngestLimited
@Priority(Priorities.AUTHENTICATION + 10)
public class IngestRateLimitFilter implements ContainerRequestFilter {
    @Inject
    IngestRateLimiter limiter;
    @Inject
    CurrentAgent agent;

    @Override
    public void filter(ContainerRequestContext request) {
        Duration wait = limiter.tryAcquire(agent.get().agentId());
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            request.abortWith(ProblemException.retryLater(429, "This agent sends faster than callready.ingest.rate-limit allows; "
                    + "retry after " + seconds + " s", seconds).toResponse());
        }
    }
}
