package io.callready.collector.ingest;

import io.callready.collector.problem.FieldError;
import io.callready.collector.problem.Problem;
import io.callready.wire.result.RejectedResult;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The 400 answer when no result of a readable batch may be stored: an RFC 9457 problem whose {@code errors} name
 * every field at fault and whose extension member {@code rejected} is the same per-result list a 200 receipt
 * carries, so an agent handles both answers with one code path.
 */
public record RejectedBatchProblem(String title, int status, String detail, List<FieldError> errors,
                                   List<RejectedResult> rejected) {
    /** Enough to show every problem of a typical bad batch without answering with megabytes; rejected lists them all. */
    static final int MAX_REPORTED_ERRORS = 100;

    static RejectedBatchProblem of(List<RejectedResult> rejected) {
        List<FieldError> errors = rejected.stream()
                .flatMap(r -> r.errors().stream())
                .limit(MAX_REPORTED_ERRORS)
                .map(v -> new FieldError(v.field(), v.message()))
                .toList();
        Problem base = Problem.of(400, rejected.size() + " result(s) in the batch, none valid; nothing was stored", errors);
        return new RejectedBatchProblem(base.title(), base.status(), base.detail(), base.errors(), List.copyOf(rejected));
    }

    Response toResponse() {
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(this).build();
    }
}
