package io.callready.collector.auth;

import io.callready.collector.problem.ProblemException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** Runs before the body is read, so an unauthenticated client cannot make the collector parse megabytes. */
@Provider
@AgentOnly
@Priority(Priorities.AUTHENTICATION)
public class AgentAuthFilter implements ContainerRequestFilter {
    @Inject
    AgentCredentials credentials;
    @Inject
    CurrentAgent currentAgent;

    @Override
    public void filter(ContainerRequestContext request) {
        var token = Tokens.bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token.isEmpty()) {
            request.abortWith(ProblemException.unauthorized("This endpoint needs an agent token: Authorization: Bearer <token>").toResponse());
            return;
        }
        var found = credentials.findByToken(token.get());
        if (found.isEmpty()) {
            request.abortWith(ProblemException.unauthorized("Unknown agent token").toResponse());
        } else if (found.get().revoked()) {
            request.abortWith(ProblemException.unauthorized("This agent's token has been revoked").toResponse());
        } else {
            currentAgent.set(found.get().agent());
        }
    }
}
