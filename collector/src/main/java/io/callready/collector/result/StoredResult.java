package io.callready.collector.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A probe result as stored: the wire fields of {@code ProbeResult} plus where and when it was received. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredResult(
        UUID id,
        String agentId,
        ProbeKind kind,
        String target,
        Instant startedAt,
        long durationMs,
        ResultStatus status,
        String reason,
        Map<String, Double> metrics,
        Map<String, String> labels,
        JsonNode details,
        UUID customerId,
        UUID siteId,
        Instant receivedAt) {
    /** The result as the agent sent it. */
    public ProbeResult wire() {
        return new ProbeResult(id, agentId, kind, target, startedAt, durationMs, status, reason, metrics, labels, details);
    }
}
