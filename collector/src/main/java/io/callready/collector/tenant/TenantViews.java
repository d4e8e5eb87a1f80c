package io.callready.collector.tenant;

import java.time.Instant;
import java.util.UUID;

/** JSON shapes of the tenant API. */
public final class TenantViews {
    private TenantViews() {
    }

    /** Body of every create call in the tenant API. */
    public record NameRequest(String name) {
    }

    public record CustomerView(UUID id, String name, Instant createdAt) {
        static CustomerView of(Customer c) {
            return new CustomerView(c.id, c.name, c.createdAt);
        }
    }

    public record SiteView(UUID id, UUID customerId, String name, Instant createdAt) {
        static SiteView of(Site s) {
            return new SiteView(s.id, s.customerId, s.name, s.createdAt);
        }
    }

    public record AgentView(UUID id, UUID siteId, UUID customerId, String name, Instant createdAt,
                            Instant revokedAt, Instant lastSeenAt) {
        static AgentView of(Agent a, UUID customerId) {
            return new AgentView(a.id, a.siteId, customerId, a.name, a.createdAt, a.revokedAt, a.lastSeenAt);
        }
    }

    /** Answer to enrolling an agent: the only time the token is ever shown. */
    public record EnrolledAgent(UUID id, UUID siteId, UUID customerId, String name, String token, Instant createdAt) {
    }
}
