package io.callready.collector.ingest;

import io.callready.collector.auth.AgentOnly;
import io.callready.collector.auth.AuthenticatedAgent;
import io.callready.collector.auth.CurrentAgent;
import io.callready.collector.config.CollectorConfig;
import io.callready.collector.problem.FieldError;
import io.callready.collector.problem.Problem;
import io.callready.collector.problem.ProblemException;
import io.callready.wire.result.IngestReceipt;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultBatch;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

@Path("/api/v1/results")
@Tag(name = "Ingest", description = "Agents ship probe results (agent token)")
public class IngestResource {
    static final int BUSY_RETRY_AFTER_SECONDS = 2;
    @Inject
    CurrentAgent currentAgent;
    @Inject
    ResultWriter writer;
    @Inject
    IngestMetrics metrics;
    @Inject
    CollectorConfig config;
    @Inject
    Clock clock;
    @Inject
    IngestConcurrency concurrency;

    @POST
    @AgentOnly
    @IngestLimited
    @SecurityRequirement(name = "agent")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a batch of probe results",
            description = "Tenant and site come from the agent token. Results already stored (same id and startedAt) "
                    + "are counted as duplicates, so a batch can be resent safely. Content-Encoding: gzip is accepted.")
    @APIResponse(responseCode = "200", description = "Stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IngestReceipt.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or invalid results; errors[] names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing, unknown or revoked agent token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A result names another agent",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than quarkus.http.limits.max-body-size",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "This agent is over callready.ingest.rate-limit; wait Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The collector is at callready.ingest.max-concurrent or cannot get a database connection; wait Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public IngestReceipt ingest(ResultBatch batch) {
        Instant now = clock.instant();
        List<FieldError> errors = BatchValidator.validate(batch, now, config.ingest().maxFutureSkew());
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.size() + " invalid field(s) in the batch; nothing was stored", errors);
        }
        AuthenticatedAgent agent = currentAgent.get();
        requireOwnResults(agent, batch.results());
        if (!concurrency.tryEnter()) {
            throw ProblemException.retryLater(503, "The collector is writing as many batches as it takes at once "
                    + "(callready.ingest.max-concurrent); retry later", BUSY_RETRY_AFTER_SECONDS);
        }
        try {
            IngestReceipt receipt = writer.write(agent, batch.results(), now);
            metrics.record(receipt);
            return receipt;
        } finally {
            concurrency.leave();
        }
    }

    /** An agent may only report its own results; a token for one agent never writes under another. */
    private static void requireOwnResults(AuthenticatedAgent agent, List<ProbeResult> results) {
        String own = ResultWriter.wireId(agent.agentId());
        for (int i = 0; i < results.size(); i++) {
            if (!own.equalsIgnoreCase(results.get(i).agentId())) {
                throw ProblemException.forbidden("results[" + i + "].agentId",
                        "is '" + FieldError.clip(results.get(i).agentId()) + "' but the bearer token belongs to agent " + own);
            }
        }
    }
}
