package io.callready.collector.problem;

import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * A body that was too large or not in its declared encoding, wherever the reading layers wrapped the exception
 * (Jackson, the JAX-RS reader): 413 or 400 problem+json, never a 500 or a bare 400.
 */
final class BodyReadFaults {
    private BodyReadFaults() {
    }

    static Optional<Response> answer(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException tooLarge) {
                // The rest of the body is never read, so the connection cannot carry another request.
                return Optional.of(Response.fromResponse(tooLarge.problem().toResponse()).header("Connection", "close").build());
            }
            if (t instanceof BodyUndecodableException undecodable) {
                return Optional.of(Response.fromResponse(undecodable.problem().toResponse()).header("Connection", "close").build());
            }
        }
        return Optional.empty();
    }
}
