package io.callready.collector.auth;

import io.callready.collector.problem.ProblemException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** Runs after {@link StaffAuthFilter} when both apply, and authenticates itself on endpoints that are only @AdminOnly. */
@Provider
@AdminOnly
@Priority(Priorities.AUTHORIZATION)
public class AdminAuthFilter implements ContainerRequestFilter {
    @Inject
    StaffAuthentication authentication;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!authentication.caller().authenticated() && !authentication.authenticate(request)) {
            return;
        }
        if (!authentication.caller().isAdmin()) {
            request.abortWith(ProblemException.forbidden("token", "is read-only; this needs an admin token").toResponse());
        }
    }
}
