package io.callready.collector.problem;

import jakarta.ws.rs.core.Response;

import java.util.List;

/** Thrown anywhere in a request to answer with a problem document; no stack trace is recorded or shown. */
public final class ProblemException extends RuntimeException {
    private final transient Problem problem;
    private final String wwwAuthenticate;
    private final long retryAfterSeconds;

    private ProblemException(Problem problem, String wwwAuthenticate) {
        this(problem, wwwAuthenticate, 0);
    }

    private ProblemException(Problem problem, String wwwAuthenticate, long retryAfterSeconds) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.wwwAuthenticate = wwwAuthenticate;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429 or 503: the client did nothing wrong but must come back after {@code retryAfterSeconds}. */
    public static ProblemException retryLater(int status, String detail, long retryAfterSeconds) {
        return new ProblemException(Problem.of(status, detail), null, Math.max(1, retryAfterSeconds));
    }

    public static ProblemException badRequest(String detail, List<FieldError> errors) {
        return new ProblemException(Problem.of(400, detail, errors), null);
    }

    public static ProblemException badRequest(String field, String message) {
        return badRequest("Invalid " + field + ": " + message, List.of(new FieldError(field, message)));
    }

    /** 401 with the challenge RFC 6750 asks for. */
    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, detail), "Bearer realm=\"callready\"");
    }

    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(Problem.of(415, detail), null);
    }

    public static ProblemException forbidden(String field, String message) {
        return new ProblemException(Problem.of(403, field + " " + message, List.of(new FieldError(field, message))), null);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, detail), null);
    }

    public static ProblemException conflict(String field, String message) {
        return new ProblemException(Problem.of(409, message, List.of(new FieldError(field, message))), null);
    }

    public Problem problem() {
        return problem;
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (wwwAuthenticate != null) {
            response.header("WWW-Authenticate", wwwAuthenticate);
        }
        if (retryAfterSeconds > 0) {
            response.header("Retry-After", retryAfterSeconds);
        }
        return response.build();
    }
}
