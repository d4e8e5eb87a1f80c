package io.callready.collector.auth;

import io.callready.collector.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;
import java.util.UUID;

/**
 * The staff member calling, as established from the bearer token by {@link StaffAuthFilter} or
 * {@link AdminAuthFilter}. Every read and write of tenant data goes through its scope checks: out-of-scope reads
 * and writes look like missing data (404 or an empty list), exactly as an unknown id does.
 */
@RequestScoped
public class Caller {
    private Identity identity;

    /**
     * @param tokenId       the staff token's id; empty for the bootstrap admin token
     * @param customerScope the one customer the token is limited to; empty means every customer
     */
    public record Identity(Optional<UUID> tokenId, String name, Role role, Optional<UUID> customerScope) {
        public static Identity bootstrapAdmin() {
            return new Identity(Optional.empty(), "bootstrap admin token", Role.ADMIN, Optional.empty());
        }
    }

    void set(Identity identity) {
        this.identity = identity;
    }

    public boolean authenticated() {
        return identity != null;
    }

    public Identity identity() {
        if (identity == null) {
            throw new IllegalStateException("no staff token authenticated for this request; is the endpoint @StaffOnly or @AdminOnly?");
        }
        return identity;
    }

    public boolean isAdmin() {
        return identity().role() == Role.ADMIN;
    }

    public Optional<UUID> customerScope() {
        return identity().customerScope();
    }

    /** Whether data of this customer is inside the token's scope. */
    public boolean canSee(UUID customerId) {
        return identity().customerScope().map(scope -> scope.equals(customerId)).orElse(true);
    }

    /** 404 with {@code notFoundDetail} when out of scope, so another tenant's ids cannot even be confirmed. */
    public void requireVisible(UUID customerId, String notFoundDetail) {
        if (!canSee(customerId)) {
            throw ProblemException.notFound(notFoundDetail);
        }
    }

    /**
     * 403 unless the caller is an admin; 404 with {@code notFoundDetail} when the customer is outside its scope, the
     * answer an unknown id gets, so a write cannot confirm that another tenant's id exists either.
     */
    public void requireWritable(UUID customerId, String notFoundDetail) {
        requireAdmin();
        requireVisible(customerId, notFoundDetail);
    }

    /** 403 unless the caller is an admin of every customer (creating or deleting customers). */
    public void requireUnscopedAdmin() {
        requireAdmin();
        if (identity().customerScope().isPresent()) {
            throw ProblemException.forbidden("token", "is limited to one customer; this needs an admin token for all customers");
        }
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw ProblemException.forbidden("token", "is read-only; this needs an admin token");
        }
    }
}
