package io.callready.agent.enroll;

import java.util.UUID;

/** What the collector answers to an enrollment: the new agent's identity and its bearer token. */
public record Enrollment(UUID id, UUID siteId, UUID customerId, String name, String token) {
}
