package io.callready.collector.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.collector.problem.FieldError;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultBatch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks a batch against the ingest rules and lists every violation with the path of the offending field. */
public final class BatchValidator {
    static final int MAX_TARGET_LENGTH = 255;
    static final int MAX_REASON_LENGTH = 2000;
    static final long MAX_DURATION_MS = 86_400_000L;
    static final int MAX_DETAILS_BYTES = 64 * 1024;
    /** Enough to show every problem of a typical bad batch without answering with megabytes. */
    static final int MAX_REPORTED_ERRORS = 100;

    private final Instant now;
    private final Duration maxFutureSkew;
    private final List<FieldError> errors = new ArrayList<>();

    private BatchValidator(Instant now, Duration maxFutureSkew) {
        this.now = now;
        this.maxFutureSkew = maxFutureSkew;
    }

    public static List<FieldError> validate(ResultBatch batch, Instant now, Duration maxFutureSkew) {
        BatchValidator validator = new BatchValidator(now, maxFutureSkew);
        validator.check(batch);
        List<FieldError> found = validator.errors;
        return found.size() > MAX_REPORTED_ERRORS ? List.copyOf(found.subList(0, MAX_REPORTED_ERRORS)) : List.copyOf(found);
    }

    private void check(ResultBatch batch) {
        if (batch == null) {
            error("body", "is required: a JSON object {\"results\": [...]}");
            return;
        }
        List<ProbeResult> results = batch.results();
        if (results == null || results.isEmpty()) {
            error("results", "must contain at least one result");
            return;
        }
        if (results.size() > ResultBatch.MAX_RESULTS) {
            error("results", "has " + results.size() + " results; a batch holds at most " + ResultBatch.MAX_RESULTS);
            return;
        }
        for (int i = 0; i < results.size(); i++) {
            check("results[" + i + "]", results.get(i));
        }
    }

    private void check(String at, ProbeResult r) {
        if (r == null) {
            error(at, "must be an object, not null");
            return;
        }
        required(at + ".id", r.id());
        requiredText(at + ".agentId", r.agentId(), MAX_TARGET_LENGTH);
        required(at + ".kind", r.kind());
        requiredText(at + ".target", r.target(), MAX_TARGET_LENGTH);
        required(at + ".status", r.status());
        if (r.reason() == null) {
            error(at + ".reason", "is required (may be empty)");
        } else if (r.reason().length() > MAX_REASON_LENGTH) {
            error(at + ".reason", "must be at most " + MAX_REASON_LENGTH + " characters, got " + r.reason().length());
        }
        checkStartedAt(at + ".startedAt", r.startedAt());
        if (r.durationMs() < 0 || r.durationMs() > MAX_DURATION_MS) {
            error(at + ".durationMs", "must be between 0 and " + MAX_DURATION_MS + " (24 h), got " + r.durationMs());
        }
        checkMetrics(at + ".metrics", r.metrics());
        checkLabels(at + ".labels", r.labels());
        checkDetails(at + ".details", r.details());
    }

    private void checkStartedAt(String field, Instant startedAt) {
        if (startedAt == null) {
            error(field, "is required");
            return;
        }
        Duration ahead = Duration.between(now, startedAt);
        if (ahead.compareTo(maxFutureSkew) > 0) {
            error(field, "is " + ahead.toSeconds() + " s ahead of the collector clock (" + now + "); at most "
                    + maxFutureSkew.toSeconds() + " s is accepted, check the agent's clock");
        }
    }

    private void checkMetrics(String at, Map<String, Double> metrics) {
        metrics.forEach((key, value) -> {
            if (!MetricRules.validKey(key)) {
                error(at + "." + FieldError.clip(key), "metric key " + MetricRules.KEY_RULE);
            } else {
                MetricRules.checkValue(key, value).ifPresent(problem -> error(at + "." + key, problem));
            }
        });
    }

    private void checkLabels(String at, Map<String, String> labels) {
        labels.forEach((key, value) -> {
            if (!MetricRules.validKey(key)) {
                error(at + "." + FieldError.clip(key), "label key " + MetricRules.KEY_RULE);
            } else if (value.length() > MetricRules.MAX_LABEL_VALUE_LENGTH) {
                error(at + "." + key, "label value must be at most " + MetricRules.MAX_LABEL_VALUE_LENGTH + " characters");
            }
        });
    }

    private void checkDetails(String field, JsonNode details) {
        if (details == null || details.isNull() || details.isMissingNode()) {
            return;
        }
        int bytes = details.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_DETAILS_BYTES) {
            error(field, "is " + bytes + " bytes as JSON; at most " + MAX_DETAILS_BYTES + " (64 KiB) is accepted");
        }
    }

    private void required(String field, Object value) {
        if (value == null) {
            error(field, "is required");
        }
    }

    private void requiredText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            error(field, value == null ? "is required" : "must not be blank");
        } else if (value.length() > maxLength) {
            error(field, "must be at most " + maxLength + " characters, got " + value.length());
        }
    }

    private void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }
}
