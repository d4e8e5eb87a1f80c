package io.callready.agent.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.wire.json.WireJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code rejected} member of an ingest answer (a receipt or a problem document):
 * {@code [{index, id, errors: [{field, message}]}]}. Empty when the body has no such member (an older collector,
 * or a fault about the whole batch); entries without a usable index are skipped, since they name no result.
 */
final class RefusalParser {
    Optional<List<DeliveryOutcome.RefusedResult>> parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : WireJson.tree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.path("rejected").isArray()) {
            return Optional.empty();
        }
        List<DeliveryOutcome.RefusedResult> out = new ArrayList<>();
        for (JsonNode r : root.path("rejected")) {
            if (!r.path("index").canConvertToInt() || !r.path("index").isIntegralNumber()) {
                continue;
            }
            out.add(new DeliveryOutcome.RefusedResult(r.path("index").asInt(), r.path("id").asText(null), errorsOf(r.path("errors"))));
        }
        return Optional.of(out);
    }

    /** The problem document's {@code errors} member ({@code [{field, message}]}), empty when there is none. */
    List<DeliveryOutcome.FieldError> fieldErrors(String body) {
        try {
            JsonNode root = body == null || body.isBlank() ? null : WireJson.tree(body);
            return root == null ? List.of() : errorsOf(root.path("errors"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<DeliveryOutcome.FieldError> errorsOf(JsonNode array) {
        List<DeliveryOutcome.FieldError> errors = new ArrayList<>();
        for (JsonNode e : array) {
            errors.add(new DeliveryOutcome.FieldError(e.path("field").asText(""), e.path("message").asText("")));
        }
        return errors;
    }

    /** The problem's {@code detail} (else {@code title}), or the body's first line when it is not a problem document. */
    String summary(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String text;
        try {
            JsonNode root = WireJson.tree(body);
            text = root != null && root.hasNonNull("detail") ? root.get("detail").asText()
                    : root != null && root.hasNonNull("title") ? root.get("title").asText() : body;
        } catch (IOException e) {
            text = body;
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
