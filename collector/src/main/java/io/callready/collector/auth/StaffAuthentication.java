package io.callready.collector.auth;

import io.callready.collector.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

/** The shared first half of the staff filters: bearer token to {@link Caller}, or a 401. */
@ApplicationScoped
public class StaffAuthentication {
    @Inject
    StaffCredentials credentials;
    @Inject
    Caller caller;

    Caller caller() {
        return caller;
    }

    /** @return false when the request was aborted with 401 */
    boolean authenticate(ContainerRequestContext request) {
        var token = Tokens.bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token.isEmpty()) {
            request.abortWith(ProblemException.unauthorized("This endpoint needs a staff API token: Authorization: Bearer <token>").toResponse());
            return false;
        }
        switch (credentials.authenticate(token.get())) {
            case StaffCredentials.Accepted accepted -> {
                caller.set(accepted.identity());
                return true;
            }
            case StaffCredentials.Refused refused -> {
                request.abortWith(ProblemException.unauthorized(refused.reason()).toResponse());
                return false;
            }
        }
    }
}
