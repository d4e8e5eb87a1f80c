package io.callready.collector.token;

import io.callready.collector.auth.Role;

import java.time.Instant;
import java.util.UUID;

/** JSON shapes of the staff token API. */
public final class TokenViews {
    private TokenViews() {
    }

    /**
     * @param role       admin or read_only
     * @param customerId limits the token to one customer; omit for all customers (only an unscoped admin may)
     */
    public record CreateToken(String name, String role, UUID customerId) {
    }

    /** Fields left out stay as they are. */
    public record UpdateToken(String name, String role) {
    }

    public record TokenView(UUID id, String name, Role role, UUID customerId, Instant createdAt, Instant revokedAt) {
        static TokenView of(StaffToken t) {
            return new TokenView(t.id, t.name, Role.fromWire(t.role), t.customerId, t.createdAt, t.revokedAt);
        }
    }

    /** Answer to creating a token: the only time the token is ever shown. */
    public record CreatedToken(UUID id, String name, Role role, UUID customerId, Instant createdAt, String token) {
    }
}
