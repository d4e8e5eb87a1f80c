package io.callready.collector.auth;

import io.callready.collector.problem.ProblemException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

@Provider
@StaffOnly
@Priority(Priorities.AUTHENTICATION)
public class StaffAuthFilter implements ContainerRequestFilter {
    @Inject
    StaffAuthentication authentication;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!authentication.authenticate(request)) {
            return;
        }
        String method = request.getMethod();
        if (!authentication.caller().isAdmin() && !"GET".equals(method) && !"HEAD".equals(method)) {
            request.abortWith(ProblemException.forbidden("token", "is read-only; " + method + " needs an admin token").toResponse());
        }
    }
}
