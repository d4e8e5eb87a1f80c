package io.callready.collector.auth;

import io.callready.collector.problem.ProblemException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthFilter implements ContainerRequestFilter {
    @Inject
    AdminToken adminToken;

    @Override
    public void filter(ContainerRequestContext request) {
        var token = Tokens.bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token.isEmpty()) {
            request.abortWith(ProblemException.unauthorized("This endpoint needs the admin token: Authorization: Bearer <token>").toResponse());
        } else if (!adminToken.matches(token.get())) {
            request.abortWith(ProblemException.unauthorized("The bearer token is not the admin token").toResponse());
        }
    }
}
