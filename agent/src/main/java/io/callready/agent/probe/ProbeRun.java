package io.callready.agent.probe;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.wire.result.PrintableResult;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One run of one probe: remembers when it started and turns an outcome into a {@link ProbeResult}. Every result a
 * probe makes passes through {@link #finish}, so this is where text from the network or an exception is made
 * storable ({@link PrintableResult}): the collector never refuses a result for what a remote peer sent.
 */
public final class ProbeRun {
    private final ProbeKind kind;
    private final String target;
    private final String agentId;
    private final Instant startedAt;
    private final long startNanos;

    public ProbeRun(ProbeKind kind, String target, ProbeContext context) {
        this.kind = kind;
        this.target = target;
        this.agentId = context.agentId();
        this.startedAt = context.clock().instant();
        this.startNanos = System.nanoTime();
    }

    public ProbeResult finish(ResultStatus status, String reason, Map<String, Double> metrics, Map<String, String> labels, JsonNode details) {
        long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
        return PrintableResult.of(new ProbeResult(UUID.randomUUID(), agentId, kind, target, startedAt, durationMs, status,
                reason, metrics, labels, details));
    }

    public ProbeResult finish(ResultStatus status, String reason) {
        return finish(status, reason, Map.of(), Map.of(), null);
    }
}
