package io.callready.wire.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A result's text made storable by construction, whatever the network or an exception put into it: target, reason,
 * label values and every string and key in details become printable ({@link WireText#printable}: control characters
 * and unpaired surrogates as visible escapes, never dropped) and are clipped to the lengths {@link ResultRules}
 * allows. Details that stay too large are cut string by string before they are given up. Metrics are left alone: a
 * value out of range is a measurement bug to fix, not text to tidy.
 */
public final class PrintableResult {
    static final String NO_TARGET = "(no target)";
    /** Longest string kept inside details, tried in turn until the whole fits {@link DetailsRules#MAX_BYTES}. */
    private static final int[] DETAIL_STRING_LIMITS = {Integer.MAX_VALUE, 2000, 200, 20};
    private static final String REASON_CONTROLS = "\n\t";

    private PrintableResult() {
    }

    public static ProbeResult of(ProbeResult r) {
        String target = WireText.printable(r.target());
        target = target == null || target.isBlank() ? NO_TARGET : WireText.clip(target, ResultRules.MAX_TEXT_LENGTH);
        String reason = r.reason() == null ? ""
                : WireText.clip(WireText.printable(r.reason(), REASON_CONTROLS), ResultRules.MAX_REASON_LENGTH);
        Map<String, String> labels = new LinkedHashMap<>();
        r.labels().forEach((key, value) -> labels.put(key, WireText.clip(WireText.printable(value), LabelRules.MAX_VALUE_LENGTH)));
        return new ProbeResult(r.id(), r.agentId(), r.kind(), target, r.startedAt(), r.durationMs(), r.status(), reason,
                r.metrics(), labels, details(r.details()));
    }

    private static JsonNode details(JsonNode details) {
        if (details == null || details.isNull() || details.isMissingNode()) {
            return details;
        }
        ResultRules.Violation last = null;
        for (int limit : DETAIL_STRING_LIMITS) {
            JsonNode copy = copy(details, limit, 1);
            last = DetailsRules.check("details", copy);
            if (last == null) {
                return copy;
            }
        }
        return JsonNodeFactory.instance.objectNode().put("omitted", "details could not be kept: " + last.message());
    }

    private static JsonNode copy(JsonNode node, int maxString, int depth) {
        if (depth > DetailsRules.MAX_DEPTH) {
            return JsonNodeFactory.instance.textNode("(nested deeper than " + DetailsRules.MAX_DEPTH + " levels, omitted)");
        }
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(text(node.textValue(), maxString));
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(item -> out.add(copy(item, maxString, depth + 1)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(text(e.getKey(), maxString), copy(e.getValue(), maxString, depth + 1));
            }
            return out;
        }
        return node;
    }

    private static String text(String text, int maxLength) {
        String printable = WireText.printable(text, DetailsRules.CONTROLS_BUT_NUL);
        return maxLength == Integer.MAX_VALUE ? printable : WireText.clip(printable, maxLength);
    }
}
