package io.callready.collector.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code callready_notify_outbox_depth} (messages waiting, after the last worker pass),
 * {@code callready_notify_delivery_failures_total{kind, outcome}} (every failed attempt: retry, failed, gone,
 * refused, expired) and {@code callready_notify_delivered_total{kind}}.
 */
@Startup
@ApplicationScoped
public class NotifyMetrics {
    private final MeterRegistry registry;
    private final AtomicLong depth = new AtomicLong();

    @Inject
    public NotifyMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("callready.notify.outbox.depth", depth, AtomicLong::get)
                .description("Notification messages waiting in the outbox for delivery or retry")
                .register(registry);
    }

    void depth(long pending) {
        depth.set(pending);
    }

    void failure(String kind, String outcome) {
        Counter.builder("callready.notify.delivery.failures")
                .description("Failed delivery attempts by channel kind and outcome")
                .tag("kind", kind).tag("outcome", outcome)
                .register(registry).increment();
    }

    void delivered(String kind) {
        Counter.builder("callready.notify.delivered")
                .description("Messages accepted by their receiver")
                .tag("kind", kind)
                .register(registry).increment();
    }
}
