package io.callready.collector.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.UUID;

/**
 * Anything unplanned: logged with its stack trace and an error id, answered as a 500 problem without one. A missing
 * database connection is overload rather than a bug: 503 with Retry-After, so agents back off and resend.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        Optional<Response> bodyFault = BodyReadFaults.answer(e);
        if (bodyFault.isPresent()) {
            return bodyFault.get();
        }
        if (DatabaseOverload.isCause(e)) {
            LOG.warnf("No database connection available: %s", e.getMessage());
            return Response.status(503).type(Problem.MEDIA_TYPE)
                    .entity(Problem.of(503, "The collector cannot reach its database right now; retry later"))
                    .header("Retry-After", DatabaseOverload.RETRY_AFTER_SECONDS).build();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled error %s", errorId);
        return Problem.of(500, "Internal error " + errorId + "; the collector log has the details").toResponse();
    }
}
