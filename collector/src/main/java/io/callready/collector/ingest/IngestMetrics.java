package io.callready.collector.ingest;

import io.callready.wire.result.IngestReceipt;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code callready_results_ingested_total{outcome="accepted"|"duplicate"|"rejected"}}. */
@ApplicationScoped
public class IngestMetrics {
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter rejected;

    @Inject
    public IngestMetrics(MeterRegistry registry) {
        accepted = counter(registry, "accepted");
        duplicates = counter(registry, "duplicate");
        rejected = counter(registry, "rejected");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("callready.results.ingested")
                .description("Probe results received by the ingest API: new ones, resent ones and refused ones")
                .tag("outcome", outcome)
                .register(registry);
    }

    void record(IngestReceipt receipt) {
        accepted.increment(receipt.accepted());
        duplicates.increment(receipt.duplicates());
        rejected.increment(receipt.rejected().size());
    }
}
