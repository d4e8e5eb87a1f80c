package io.callready.collector.ingest;

import java.util.Map;

/**
 * The JSON text of a valid result's metrics and labels for {@code ::jsonb}, written directly: the text the
 * wire's ObjectMapper writes for the same map, without its serialiser machinery. It relies on what
 * {@code ResultRules} has checked: keys match {@code [a-z][a-z0-9_]*} (nothing to escape), metric values are
 * finite, label values hold no control character (only quote and backslash need escaping).
 */
final class StoredJson {
    private StoredJson() {
    }

    static String metrics(Map<String, Double> metrics) {
        StringBuilder json = new StringBuilder(metrics.size() * 32 + 2).append('{');
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(m.getKey()).append("\":").append(m.getValue().doubleValue());
        }
        return json.append('}').toString();
    }

    static String labels(Map<String, String> labels) {
        StringBuilder json = new StringBuilder(labels.size() * 32 + 2).append('{');
        for (Map.Entry<String, String> l : labels.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(l.getKey()).append("\":");
            quoted(json, l.getValue());
        }
        return json.append('}').toString();
    }

    private static void quoted(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\');
            }
            json.append(c);
        }
        json.append('"');
    }
}
