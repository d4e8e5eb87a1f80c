package io.callready.collector.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.collector.problem.FieldError;
import io.callready.collector.problem.JsonErrors;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.RejectedResult;
import io.callready.wire.result.ResultBatch;
import io.callready.wire.result.ResultRules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Splits a batch into the results that may be stored and the ones that may not, each named by its index. The
 * batch as a whole is refused only when it is no batch (not an object, no {@code results} array, empty, too many).
 * Each result is read on its own, so a wrong type in one result refuses that result and not its neighbours; the
 * rules of a single result are {@link ResultRules}, the same the agent checks before it queues.
 */
public final class BatchValidator {
    /** Enough to show every problem of a typical bad result without answering with megabytes. */
    static final int MAX_ERRORS_PER_RESULT = 20;

    /**
     * A result that passed every rule, with its place in the batch.
     *
     * @param detailsJson the details as the text to store ({@link ResultRules#detailsJson}), null when none
     */
    public record Candidate(int index, ProbeResult result, String detailsJson) {
    }

    /**
     * @param batchErrors non-empty when the body is no batch at all; then the other lists are empty
     */
    public record Verdict(List<FieldError> batchErrors, List<Candidate> valid, List<RejectedResult> rejected) {
    }

    private BatchValidator() {
    }

    /** @param enumWireName how an enum constant is spelled on the wire, for messages about unknown values */
    public static Verdict validate(JsonNode body, ObjectMapper mapper, Instant now, ResultRules.Window window,
                                   Function<Enum<?>, String> enumWireName) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return refused("body", "is required: a JSON object {\"results\": [...]}");
        }
        if (!body.isObject()) {
            return refused("body", "must be a JSON object {\"results\": [...]}");
        }
        JsonNode results = body.get("results");
        if (results == null || results.isNull() || (results.isArray() && results.isEmpty())) {
            return refused("results", "must contain at least one result");
        }
        if (!results.isArray()) {
            return refused("results", "must be an array of results");
        }
        if (results.size() > ResultBatch.MAX_RESULTS) {
            return refused("results", "has " + results.size() + " results; a batch holds at most " + ResultBatch.MAX_RESULTS);
        }
        List<Candidate> valid = new ArrayList<>();
        List<RejectedResult> rejected = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            String at = "results[" + i + "]";
            JsonNode node = results.get(i);
            List<ResultRules.Violation> errors = new ArrayList<>();
            ProbeResult result = null;
            String detailsJson = null;
            if (!node.isObject()) {
                errors.add(new ResultRules.Violation(at, node.isNull() ? "must be an object, not null" : "must be an object"));
            } else {
                try {
                    result = mapper.treeToValue(node, ProbeResult.class);
                    detailsJson = ResultRules.detailsJson(result.details());
                    errors.addAll(ruleErrors(at, result, detailsJson, now, window));
                } catch (JsonProcessingException e) {
                    errors.addAll(readErrors(at, e, enumWireName));
                } catch (RuntimeException e) {
                    // A value a reader refuses outside Jackson's own exceptions (a time it cannot represent, ...).
                    errors.add(new ResultRules.Violation(at, "cannot be read as a result"));
                }
            }
            addTo(i, result, detailsJson, result != null ? result.id() : idOf(node), errors, valid, rejected);
        }
        return new Verdict(List.of(), List.copyOf(valid), List.copyOf(rejected));
    }

    /**
     * The same verdict for a batch already read into results ({@link ShippedBatchReader}): only the rules of a
     * single result remain to check.
     */
    static Verdict validate(List<ProbeResult> results, Instant now, ResultRules.Window window) {
        List<Candidate> valid = new ArrayList<>(results.size());
        List<RejectedResult> rejected = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            String at = "results[" + i + "]";
            ProbeResult result = results.get(i);
            String detailsJson = null;
            List<ResultRules.Violation> errors;
            try {
                detailsJson = ResultRules.detailsJson(result.details());
                errors = ruleErrors(at, result, detailsJson, now, window);
            } catch (RuntimeException e) {
                errors = List.of(new ResultRules.Violation(at, "cannot be read as a result"));
            }
            addTo(i, result, detailsJson, result.id(), errors, valid, rejected);
        }
        return new Verdict(List.of(), List.copyOf(valid), List.copyOf(rejected));
    }

    private static List<ResultRules.Violation> ruleErrors(String at, ProbeResult result, String detailsJson, Instant now,
                                                         ResultRules.Window window) {
        List<ResultRules.Violation> found = ResultRules.check(result, now, window, detailsJson);
        if (found.isEmpty()) {
            return found;
        }
        List<ResultRules.Violation> errors = new ArrayList<>(found.size());
        found.forEach(v -> errors.add(prefixed(at, v.field(), v.message())));
        return errors;
    }

    private static void addTo(int index, ProbeResult result, String detailsJson, UUID id, List<ResultRules.Violation> errors,
                              List<Candidate> valid, List<RejectedResult> rejected) {
        if (errors.isEmpty()) {
            valid.add(new Candidate(index, result, detailsJson));
        } else {
            rejected.add(new RejectedResult(index, id, errors.size() > MAX_ERRORS_PER_RESULT ? errors.subList(0, MAX_ERRORS_PER_RESULT) : errors));
        }
    }

    private static List<ResultRules.Violation> readErrors(String at, JsonProcessingException e, Function<Enum<?>, String> enumWireName) {
        return JsonErrors.toProblem(e, enumWireName).errors().stream()
                .map(f -> prefixed(at, "body".equals(f.field()) ? "" : f.field(), f.message())).toList();
    }

    private static ResultRules.Violation prefixed(String at, String field, String message) {
        return new ResultRules.Violation(field.isEmpty() ? at : field.startsWith("[") ? at + field : at + "." + field, message);
    }

    /** The id of a result that could not be read, when at least its id can be. */
    private static UUID idOf(JsonNode node) {
        JsonNode id = node.get("id");
        if (id == null || !id.isTextual() || id.textValue().length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(id.textValue());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Verdict refused(String field, String message) {
        return new Verdict(List.of(new FieldError(field, message)), List.of(), List.of());
    }
}
