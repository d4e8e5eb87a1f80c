package io.callready.collector.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Response and request bodies of the alert, incident, threshold and silence APIs. */
public final class AlertViews {
    private AlertViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlertView(UUID id, String dedupKey, String kind, UUID customerId, UUID siteId, String target, String metric,
                            String severity, String state, Double value, Double threshold, Instant startedAt,
                            Instant resolvedAt, Instant notifiedAt, UUID incidentId) {
        static AlertView of(AlertRow a) {
            return new AlertView(a.id(), a.dedupKey(), a.kind(), a.customerId(), a.siteId(), a.target(), a.metric(),
                    a.severity().wireName(), a.state(), a.value(), a.threshold(), a.startedAt(), a.resolvedAt(),
                    a.notifiedAt(), a.incidentId());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IncidentView(UUID id, String target, String state, Instant openedAt, Instant resolvedAt,
                               List<AlertView> alerts) {
    }

    public record ThresholdPair(Double warning, Double critical) {
    }

    /** Per metric (jitter_ms, loss_ratio, rtt_ms, mos): the levels in force and where they come from. */
    public record EffectiveThreshold(double warning, double critical, String source) {
    }

    public record ThresholdsView(Map<String, EffectiveThreshold> thresholds) {
    }

    /** @param siteId absent = the whole customer; endsAt or duration (e.g. "2h") is required */
    public record SilenceRequest(UUID siteId, Instant startsAt, Instant endsAt, String duration, String comment) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SilenceView(UUID id, UUID customerId, UUID siteId, Instant startsAt, Instant endsAt, String comment,
                              boolean active) {
    }
}
