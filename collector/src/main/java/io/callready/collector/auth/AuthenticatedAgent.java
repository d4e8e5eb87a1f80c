package io.callready.collector.auth;

import java.util.UUID;

/** Who is calling, as established from the agent's token: the tenant of everything it sends. */
public record AuthenticatedAgent(UUID agentId, UUID siteId, UUID customerId) {
}
