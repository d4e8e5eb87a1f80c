package io.callready.collector.ingest;

import io.callready.collector.auth.AgentOnly;
import io.callready.collector.auth.AuthenticatedAgent;
import io.callready.collector.auth.CurrentAgent;
import io.callready.collector.config.CollectorConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.collector.problem.EnumWireNames;
import io.callready.collector.problem.FieldError;
import io.callready.collector.problem.JsonErrors;
import io.callready.collector.problem.Problem;
import io.callready.collector.problem.ProblemException;
import io.callready.wire.result.IngestReceipt;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.RejectedResult;
import io.callready.wire.result.ResultBatch;
import io.callready.wire.result.ResultRules;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

@Path("/api/v1/results")
@Tag(name = "Ingest", description = "Agents ship probe results (agent token)")
public class IngestResource {
    private static final Logger LOG = Logger.getLogger(IngestResource.class);
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
    @Inject
    ObjectMapper mapper;
    @Inject
    EnumWireNames enumWireNames;

    @POST
    @AgentOnly
    @IngestLimited
    @SecurityRequirement(name = "agent")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a batch of probe results",
            description = "Tenant and site come from the agent token. Valid results are stored, invalid ones are not and "
                    + "are listed in rejected[] by their 0-based index with every field at fault. Results already stored "
                    + "(same id and startedAt) are counted as duplicates, so a batch can be resent safely; the same id with "
                    + "another startedAt is rejected. Content-Encoding: gzip is accepted.")
    @APIResponse(responseCode = "200", description = "At least one result valid: the valid ones are stored, rejected[] names the others",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IngestReceipt.class)))
    @APIResponse(responseCode = "400", description = "Malformed body, no results array, empty or over 1000 results (errors[] names body or results), "
            + "or no result valid (errors[] names each field, rejected[] each result by index); nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing, unknown or revoked agent token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A result names another agent",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than quarkus.http.limits.max-body-size (after gzip decoding)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Content-Type not JSON, or a Content-Encoding other than gzip or deflate",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "431", description = "Request headers over 20 KiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "This agent is over callready.ingest.rate-limit; wait Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The collector is at callready.ingest.max-concurrent or cannot get a database connection; wait Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response ingest(@RequestBody(content = @Content(schema = @Schema(implementation = ResultBatch.class))) byte[] body) {
        Instant now = clock.instant();
        ResultRules.Window window = new ResultRules.Window(config.ingest().maxAge(), config.ingest().maxFutureSkew());
        List<ProbeResult> plain = ShippedBatchReader.read(body, mapper);
        BatchValidator.Verdict verdict;
        if (plain != null) {
            verdict = BatchValidator.validate(plain, now, window);
        } else {
            JsonNode tree;
            try {
                tree = mapper.readTree(body);
            } catch (JsonProcessingException e) {
                return JsonErrors.toProblem(e, enumWireNames::of).toResponse();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            verdict = BatchValidator.validate(tree, mapper, now, window, enumWireNames::of);
        }
        if (!verdict.batchErrors().isEmpty()) {
            throw ProblemException.badRequest("The body is no batch of results; nothing was stored", verdict.batchErrors());
        }
        AuthenticatedAgent agent = currentAgent.get();
        requireOwnResults(agent, verdict.valid());
        ResultWriter.Outcome outcome = verdict.valid().isEmpty() ? new ResultWriter.Outcome(0, 0, List.of()) : write(agent, verdict.valid(), now);
        List<RejectedResult> rejected = new ArrayList<>(verdict.rejected());
        rejected.addAll(outcome.rejected());
        rejected.sort(Comparator.comparingInt(RejectedResult::index));
        IngestReceipt receipt = new IngestReceipt(outcome.accepted(), outcome.duplicates(), rejected);
        metrics.record(receipt);
        if (!rejected.isEmpty()) {
            RejectedResult first = rejected.getFirst();
            LOG.infof("Agent %s: %d of %d results rejected; first results[%d] (id %s): %s", agent.agentId(), rejected.size(),
                    verdict.valid().size() + verdict.rejected().size(), first.index(), first.id(),
                    first.errors().isEmpty() ? "" : first.errors().getFirst().toString().replaceAll("\\p{Cntrl}", "?"));
        }
        if (outcome.accepted() + outcome.duplicates() == 0) {
            return RejectedBatchProblem.of(rejected).toResponse();
        }
        return Response.ok(receipt, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private ResultWriter.Outcome write(AuthenticatedAgent agent, List<BatchValidator.Candidate> valid, Instant now) {
        try (BehindGate.Turn turn = turn()) {
            if (!concurrency.tryEnter()) {
                throw ProblemException.retryLater(503, "The collector is writing as many batches as it takes at once "
                        + "(callready.ingest.max-concurrent); retry later", BUSY_RETRY_AFTER_SECONDS);
            }
            try {
                return writer.write(agent, valid, now);
            } finally {
                concurrency.leave();
            }
        }
    }

    /** The batch's turn to write; while the alert evaluation is behind it may have to wait for it. */
    private BehindGate.Turn turn() {
        BehindGate.Turn turn;
        try {
            turn = concurrency.awaitTurn();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            turn = null;
        }
        if (turn == null) {
            throw ProblemException.retryLater(503, "The alert evaluation is behind and batches wait their turn "
                    + "(callready.ingest.while-behind); retry later", BUSY_RETRY_AFTER_SECONDS);
        }
        return turn;
    }

    /** An agent may only report its own results; a token for one agent never writes under another. */
    private static void requireOwnResults(AuthenticatedAgent agent, List<BatchValidator.Candidate> results) {
        String own = ResultWriter.wireId(agent.agentId());
        for (BatchValidator.Candidate r : results) {
            if (!own.equalsIgnoreCase(r.result().agentId())) {
                throw ProblemException.forbidden("results[" + r.index() + "].agentId",
                        "is '" + FieldError.clip(r.result().agentId()) + "' but the bearer token belongs to agent " + own);
            }
        }
    }
}
