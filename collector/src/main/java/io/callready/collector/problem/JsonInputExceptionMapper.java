package io.callready.collector.problem;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Wrong JSON types (string for a number, unknown enum value, null for a number): 400 naming the field. */
@Provider
@Priority(Priorities.USER - 100)
public class JsonInputExceptionMapper implements ExceptionMapper<MismatchedInputException> {
    @Inject
    EnumWireNames enumWireNames;

    @Override
    public Response toResponse(MismatchedInputException e) {
        return JsonErrors.toProblem(e, enumWireNames::of).toResponse();
    }
}
