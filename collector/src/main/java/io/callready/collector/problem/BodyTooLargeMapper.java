package io.callready.collector.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class BodyTooLargeMapper implements ExceptionMapper<BodyTooLargeException> {
    @Override
    public Response toResponse(BodyTooLargeException e) {
        return BodyReadFaults.answer(e).orElseThrow();
    }
}
