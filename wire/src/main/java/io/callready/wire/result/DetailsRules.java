package io.callready.wire.result;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.wire.json.JsonTrees;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * A result's free-form evidence, stored as PostgreSQL jsonb: bounded in size and depth, no NUL (jsonb refuses
 * {@code \u0000}), no text that is not Unicode, and no number jsonb's numeric cannot hold.
 */
final class DetailsRules {
    static final int MAX_BYTES = 64 * 1024;
    static final int MAX_DEPTH = 32;
    /** numeric holds about 131 000 digits before and 16 383 after the point; a sane number is nowhere near. */
    static final int MAX_DECIMAL_SCALE = 1000;
    /** Every control character except NUL: evidence quotes SIP headers and DNS answers, CR/LF and all. */
    static final String CONTROLS_BUT_NUL;

    static {
        StringBuilder controls = new StringBuilder();
        for (char c = 1; c <= 0x9F; c++) {
            if (WireText.isControl(c)) {
                controls.append(c);
            }
        }
        CONTROLS_BUT_NUL = controls.toString();
    }

    private DetailsRules() {
    }

    /** @return what is wrong (message prefixed by the path inside details, if any), or null when storable */
    static ResultRules.Violation check(String field, JsonNode details) {
        return check(field, details, present(details) ? JsonTrees.text(details) : null);
    }

    /** @param json {@code details.toString()}, given by a caller that stores that text, so it is written once */
    static ResultRules.Violation check(String field, JsonNode details, String json) {
        if (!present(details)) {
            return null;
        }
        ResultRules.Violation inside = walk(details, 1);
        if (inside != null) {
            return new ResultRules.Violation(field + inside.field(), inside.message());
        }
        // A char is at most 3 bytes of UTF-8 (a pair of surrogates 4), so a short text needs no count.
        if (json.length() <= MAX_BYTES / 3) {
            return null;
        }
        int bytes = utf8Length(json);
        if (bytes > MAX_BYTES) {
            return new ResultRules.Violation(field, "is " + bytes + " bytes as JSON; at most " + MAX_BYTES + " (64 KiB) is accepted");
        }
        return null;
    }

    static boolean present(JsonNode details) {
        return details != null && !details.isNull() && !details.isMissingNode();
    }

    /** What {@code text.getBytes(UTF_8).length} is, without encoding: an unpaired surrogate becomes one byte ('?'). */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += Character.isSurrogate(c) ? 1 : 3;
            }
        }
        return bytes;
    }

    /**
     * @return what is wrong, its field the path below {@code node} (empty for node itself), built only on the way
     *         back from a fault, so a valid tree costs no path strings
     */
    private static ResultRules.Violation walk(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            return new ResultRules.Violation("", "nests deeper than " + MAX_DEPTH + " levels");
        }
        if (node.isTextual()) {
            String bad = WireText.forbiddenCharacter(node.textValue(), CONTROLS_BUT_NUL);
            return bad == null ? null : new ResultRules.Violation("", bad);
        }
        if (node.isNumber()) {
            return number(node);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ResultRules.Violation v = walk(node.get(i), depth + 1);
                if (v != null) {
                    return new ResultRules.Violation("[" + i + "]" + v.field(), v.message());
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String bad = WireText.forbiddenCharacter(e.getKey(), CONTROLS_BUT_NUL);
                if (bad != null) {
                    return new ResultRules.Violation("", "has a key that " + bad);
                }
                ResultRules.Violation v = walk(e.getValue(), depth + 1);
                if (v != null) {
                    return new ResultRules.Violation("." + WireText.clip(e.getKey()) + v.field(), v.message());
                }
            }
        }
        return null;
    }

    private static ResultRules.Violation number(JsonNode node) {
        if (node.isBigDecimal()) {
            BigDecimal d = node.decimalValue();
            if (Math.abs(d.scale()) > MAX_DECIMAL_SCALE) {
                return new ResultRules.Violation("", "is a number too large or too precise to store");
            }
        } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            return new ResultRules.Violation("", "must be a finite number");
        }
        return null;
    }
}
