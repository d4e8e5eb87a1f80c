package io.callready.wire.result;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.wire.json.JsonTrees;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a single result must look like to be stored: one definition, used by the agent before it queues a result
 * and by the collector before it stores one. Every stored value is bounded (times within a window around now,
 * every metric by the unit in its name, label values parsed where they mean something, text free of control
 * characters), so no stored row can break a job that reads it back. Batch-level rules (size, empty) are the
 * collector's.
 */
public final class ResultRules {
    public static final int MAX_TEXT_LENGTH = 255;
    public static final int MAX_REASON_LENGTH = 2000;
    public static final long MAX_DURATION_MS = 86_400_000L;
    /** Free text may break lines and indent; nothing else that moves a terminal or splits a log line. */
    private static final String REASON_CONTROLS = "\n\t";

    /**
     * @param field relative to the result, e.g. {@code metrics.rtt_min_ms}, {@code startedAt}, {@code labels.interval};
     *              empty when the result itself is at fault (null)
     */
    public record Violation(String field, String message) {
    }

    /** How far startedAt may lie behind / ahead of now. */
    public record Window(Duration maxAge, Duration maxAhead) {
        public static final Window DEFAULT = new Window(Duration.ofDays(7), Duration.ofMinutes(5));

        public Window {
            if (maxAge == null || maxAhead == null || maxAge.isNegative() || maxAhead.isNegative()) {
                throw new IllegalArgumentException("maxAge and maxAhead must be durations of at least 0");
            }
        }
    }

    private final List<Violation> found = new ArrayList<>();

    private ResultRules() {
    }

    /** @return every rule the result breaks, in field order; empty when it may be stored */
    public static List<Violation> check(ProbeResult result, Instant now, Window window) {
        return check(result, now, window, result != null ? detailsJson(result.details()) : null);
    }

    /**
     * The same check for a caller that stores the details as JSON text and so writes that text once.
     *
     * @param detailsJson {@link #detailsJson}{@code (result.details())}
     */
    public static List<Violation> check(ProbeResult result, Instant now, Window window, String detailsJson) {
        ResultRules rules = new ResultRules();
        if (result == null) {
            rules.add("", "must be an object, not null");
        } else {
            rules.checkResult(result, now, window, detailsJson);
        }
        return List.copyOf(rules.found);
    }

    /** @return the details as the JSON text a result stores, or null when it has none (absent or JSON null) */
    public static String detailsJson(JsonNode details) {
        return DetailsRules.present(details) ? JsonTrees.text(details) : null;
    }

    private void checkResult(ProbeResult r, Instant now, Window window, String detailsJson) {
        required("id", r.id());
        text("agentId", r.agentId(), MAX_TEXT_LENGTH);
        required("kind", r.kind());
        text("target", r.target(), MAX_TEXT_LENGTH);
        required("status", r.status());
        reason(r.reason());
        startedAt(r.startedAt(), now, window);
        if (r.durationMs() < 0 || r.durationMs() > MAX_DURATION_MS) {
            add("durationMs", "must be between 0 and " + MAX_DURATION_MS + " (24 h), got " + r.durationMs());
        }
        int clean = found.size();
        r.metrics().forEach(this::metric);
        r.labels().forEach(this::label);
        if (found.size() > clean) {
            // Reported in key order; sorting only a faulty result keeps the check cheap for the many clean ones.
            found.subList(clean, found.size()).clear();
            new TreeMap<>(r.metrics()).forEach(this::metric);
            new TreeMap<>(r.labels()).forEach(this::label);
        }
        Violation details = DetailsRules.check("details", r.details(), detailsJson);
        if (details != null) {
            found.add(details);
        }
    }

    private void reason(String reason) {
        if (reason == null) {
            add("reason", "is required (may be empty)");
        } else if (reason.length() > MAX_REASON_LENGTH) {
            add("reason", "must be at most " + MAX_REASON_LENGTH + " characters, got " + reason.length());
        } else {
            String bad = WireText.forbiddenCharacter(reason, REASON_CONTROLS);
            if (bad != null) {
                add("reason", bad);
            }
        }
    }

    private void startedAt(Instant startedAt, Instant now, Window window) {
        if (startedAt == null) {
            add("startedAt", "is required");
            return;
        }
        Instant earliest = minus(now, window.maxAge());
        Instant latest = plus(now, window.maxAhead());
        if (startedAt.isBefore(earliest) || startedAt.isAfter(latest)) {
            add("startedAt", "is " + startedAt + " but must lie between " + earliest + " and " + latest
                    + " (at most " + window.maxAge().toHours() + " h before and " + window.maxAhead().toSeconds()
                    + " s after the collector clock); check the agent's clock");
        }
    }

    private void metric(String key, Double value) {
        if (!MetricRanges.validKey(key)) {
            add("metrics." + WireText.clip(key), "metric key " + MetricRanges.KEY_RULE);
            return;
        }
        String bad = MetricRanges.check(key, value);
        if (bad != null) {
            add("metrics." + key, bad);
        }
    }

    private void label(String key, String value) {
        if (!MetricRanges.validKey(key)) {
            add("labels." + WireText.clip(key), "label key " + MetricRanges.KEY_RULE);
            return;
        }
        String bad = LabelRules.check(key, value);
        if (bad != null) {
            add("labels." + key, bad);
        }
    }

    private void required(String field, Object value) {
        if (value == null) {
            add(field, "is required");
        }
    }

    private void text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, value == null ? "is required" : "must not be blank");
        } else if (value.length() > maxLength) {
            add(field, "must be at most " + maxLength + " characters, got " + value.length());
        } else {
            String bad = WireText.forbiddenCharacter(value, "");
            if (bad != null) {
                add(field, bad);
            }
        }
    }

    private void add(String field, String message) {
        found.add(new Violation(field, message));
    }

    /** now − d, or Instant.MIN when that lies before it; never throws. */
    private static Instant minus(Instant now, Duration d) {
        return Duration.between(Instant.MIN, now).compareTo(d) < 0 ? Instant.MIN : now.minus(d);
    }

    private static Instant plus(Instant now, Duration d) {
        return Duration.between(now, Instant.MAX).compareTo(d) < 0 ? Instant.MAX : now.plus(d);
    }
}
