package io.callready.collector.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Optional;

/**
 * JAX-RS's own errors (no such path, wrong method, wrong content type, unreadable body) as problem documents,
 * keeping headers such as {@code Allow}.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Inject
    EnumWireNames enumWireNames;
    @Context
    UriInfo uri;
    @Context
    Request request;
    @Context
    HttpHeaders headers;

    @Override
    public Response toResponse(WebApplicationException e) {
        Optional<Response> bodyFault = BodyReadFaults.answer(e);
        if (bodyFault.isPresent()) {
            return bodyFault.get();
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return JsonErrors.toProblem(json, enumWireNames::of).toResponse();
        }
        int status = e.getResponse().getStatus();
        Response.ResponseBuilder builder = Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, detail(e, status)));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    private String detail(WebApplicationException e, int status) {
        return switch (e) {
            case NotFoundException ignored -> "No resource at " + uri.getRequestUri().getPath();
            case NotAllowedException ignored -> "Method " + request.getMethod() + " is not allowed on " + uri.getRequestUri().getPath();
            case NotSupportedException ignored -> "Content-Type " + headers.getMediaType() + " is not supported here; send application/json";
            default -> status >= 500 ? "The collector could not handle the request" : Problem.titleFor(status);
        };
    }
}
