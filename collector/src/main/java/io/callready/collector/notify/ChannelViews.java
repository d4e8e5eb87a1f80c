package io.callready.collector.notify;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the channel API. */
public final class ChannelViews {
    private ChannelViews() {
    }

    /**
     * @param kind   webhook, slack, teams or pagerduty
     * @param url    receiver URL; for pagerduty optional (Events API v2 enqueue URL)
     * @param secret webhook: a whsec_ secret (generated when absent); pagerduty: the integration routing key
     * @param routes who this channel hears about; absent = every customer, warning and up
     */
    public record ChannelRequest(String name, String kind, String url, String secret, List<RouteView> routes) {
    }

    /** @param customerId null = every customer; minSeverity warning (default) or critical */
    public record RouteView(UUID customerId, String minSeverity) {
    }

    /** @param secret only in the answer to creation, like an agent token */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChannelView(UUID id, String name, String kind, String url, boolean enabled, String disabledReason,
                              List<RouteView> routes, Instant createdAt, String secret) {
    }

    public record TestSent(String messageId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(String messageId, String type, String status, int attempts, Instant createdAt,
                               Instant lastAttemptAt, Instant nextAttemptAt, Instant deliveredAt, Integer lastStatusCode,
                               String lastError, String lastResponse) {
    }
}
