package io.callready.collector.notify;

import io.callready.collector.notify.channel.ChannelKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code callready_notify_outbox_depth} (messages waiting, after the last worker pass),
 * {@code callready_notify_delivery_failures_total{kind, outcome}} (every failed attempt: retry, failed, gone,
 * refused, expired) and {@code callready_notify_delivered_total{kind}}.
 */
@Startup
@ApplicationScoped
public class NotifyMetrics {
    static final List<String> OUTCOMES = List.of("retry", "failed", "gone", "refused", "expired");
    private final MeterRegistry registry;
    private final AtomicLong depth = new AtomicLong();

    @Inject
    public NotifyMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("callready.notify.outbox.depth", depth, AtomicLong::get)
                .description("Notification messages waiting in the outbox for delivery or retry")
                .register(registry);
        // Zero-valued series from the start, so rate() and alert rules see them before the first failure.
        for (ChannelKind kind : ChannelKind.values()) {
            delivered(kind.wireName(), 0);
            for (String outcome : OUTCOMES) {
                failure(kind.wireName(), outcome, 0);
            }
        }
    }

    void depth(long pending) {
        depth.set(pending);
    }

    void failure(String kind, String outcome) {
        failure(kind, outcome, 1);
    }

    void delivered(String kind) {
        delivered(kind, 1);
    }

    private void failure(String kind, String outcome, int count) {
        Counter.builder("callready.notify.delivery.failures")
                .description("Failed delivery attempts by channel kind and outcome")
                .tag("kind", kind).tag("outcome", outcome)
                .register(registry).increment(count);
    }

    private void delivered(String kind, int count) {
        Counter.builder("callready.notify.delivered")
                .description("Messages accepted by their receiver")
                .tag("kind", kind)
                .register(registry).increment(count);
    }
}
