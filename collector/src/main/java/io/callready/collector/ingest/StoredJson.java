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
        return appendMetrics(new StringBuilder(metrics.size() * 32 + 2), metrics).toString();
    }

    static String labels(Map<String, String> labels) {
        return appendLabels(new StringBuilder(labels.size() * 32 + 2), labels).toString();
    }

    /** Appends the metrics' JSON to {@code json}, so a writer can reuse one builder for every row. */
    static StringBuilder appendMetrics(StringBuilder json, Map<String, Double> metrics) {
        json.append('{');
        boolean first = true;
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append('"').append(m.getKey()).append("\":").append(m.getValue().doubleValue());
        }
        return json.append('}');
    }

    static StringBuilder appendLabels(StringBuilder json, Map<String, String> labels) {
        json.append('{');
        boolean first = true;
        for (Map.Entry<String, String> l : labels.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append('"').append(l.getKey()).append("\":");
            quoted(json, l.getValue());
        }
        return json.append('}');
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
