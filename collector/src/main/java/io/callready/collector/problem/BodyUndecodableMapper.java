package io.callready.collector.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class BodyUndecodableMapper implements ExceptionMapper<BodyUndecodableException> {
    @Override
    public Response toResponse(BodyUndecodableException e) {
        return BodyReadFaults.answer(e).orElseThrow();
    }
}
