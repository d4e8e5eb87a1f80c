package io.callready.collector.token;

import io.callready.collector.auth.Caller;
import io.callready.collector.auth.Role;
import io.callready.collector.auth.Tokens;
import io.callready.collector.problem.ProblemException;
import io.callready.collector.tenant.Customer;
import io.callready.collector.tenant.Names;
import io.callready.collector.token.TokenViews.CreateToken;
import io.callready.collector.token.TokenViews.CreatedToken;
import io.callready.collector.token.TokenViews.TokenView;
import io.callready.collector.token.TokenViews.UpdateToken;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Staff tokens. A token limited to one customer can only manage tokens of that customer, and never mint a token
 * wider than itself.
 */
@ApplicationScoped
public class TokenService {
    @Inject
    Clock clock;
    @Inject
    Caller caller;

    @Transactional
    public CreatedToken create(CreateToken request) {
        if (request == null) {
            throw ProblemException.badRequest("body", "is required: {\"name\": ..., \"role\": \"admin\"|\"read_only\"}");
        }
        String name = Names.require(request.name());
        Role role = role(request.role());
        UUID customerId = request.customerId() != null ? request.customerId() : caller.customerScope().orElse(null);
        if (customerId == null) {
            caller.requireUnscopedAdmin();
        } else {
            // A customer outside the caller's scope is refused exactly like one that does not exist.
            if (!caller.canSee(customerId) || Customer.findById(customerId) == null) {
                throw ProblemException.badRequest("customerId", "no customer " + customerId);
            }
        }
        String token = Tokens.newStaffToken();
        StaffToken t = new StaffToken();
        t.id = UUID.randomUUID();
        t.name = name;
        t.tokenHash = Tokens.sha256Hex(token);
        t.role = role.wireName();
        t.customerId = customerId;
        t.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        t.persistAndFlush();
        return new CreatedToken(t.id, t.name, role, t.customerId, t.createdAt, token);
    }

    public List<TokenView> list() {
        List<StaffToken> tokens = caller.customerScope()
                .map(scope -> StaffToken.<StaffToken>list("customerId", Sort.by("name").and("createdAt"), scope))
                .orElseGet(() -> StaffToken.listAll(Sort.by("name").and("createdAt")));
        return tokens.stream().map(TokenView::of).toList();
    }

    public TokenView get(UUID id) {
        return TokenView.of(visible(id));
    }

    @Transactional
    public TokenView update(UUID id, UpdateToken request) {
        StaffToken t = visible(id);
        if (request == null) {
            throw ProblemException.badRequest("body", "is required: {\"name\": ...} and/or {\"role\": ...}");
        }
        if (request.name() != null) {
            t.name = Names.require(request.name());
        }
        if (request.role() != null) {
            t.role = role(request.role()).wireName();
        }
        return TokenView.of(t);
    }

    /** Revoking twice keeps the first revocation time. */
    @Transactional
    public TokenView revoke(UUID id) {
        StaffToken t = visible(id);
        if (t.revokedAt == null) {
            t.revokedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        }
        return TokenView.of(t);
    }

    @Transactional
    public void delete(UUID id) {
        visible(id).delete();
    }

    private StaffToken visible(UUID id) {
        StaffToken t = StaffToken.findById(id);
        if (t == null || (caller.customerScope().isPresent() && !caller.customerScope().get().equals(t.customerId))) {
            throw ProblemException.notFound("No token " + id);
        }
        return t;
    }

    private static Role role(String text) {
        if (text == null) {
            throw ProblemException.badRequest("role", "is required: admin or read_only");
        }
        try {
            return Role.fromWire(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("role", e.getMessage());
        }
    }
}
