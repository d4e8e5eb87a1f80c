package io.callready.agent.probe.traffic;

import io.callready.wire.plan.WanTrafficSpec;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.PrintableResult;
import io.callready.wire.result.ProbeResult;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The WAN traffic during one RTP burst: the site's counters are read right before the burst (on another thread, so a
 * slow or dead router never delays it) and right after it, and the burst's result gains {@code wan_*} metrics. A read
 * that fails leaves the burst result as it was, labelled {@code wan_traffic: unavailable: REASON}.
 */
public final class BurstTraffic {
    private final CounterReaders readers;
    private final Clock clock;
    private final Map<WanTrafficSpec, CounterReader> cached = new ConcurrentHashMap<>();
    private final Executor beforeReads = Executors.newVirtualThreadPerTaskExecutor();

    public BurstTraffic(CounterReaders readers, Clock clock) {
        this.readers = readers;
        this.clock = clock;
    }

    /** Runs {@code burst} between two reads of {@code wan}'s counters and returns its result with the traffic in between. */
    public ProbeResult around(WanTrafficSpec wan, Supplier<ProbeResult> burst) {
        cached.keySet().removeIf(s -> !s.equals(wan));
        CounterReader reader = cached.computeIfAbsent(wan, s -> readers.forSpec(s, clock));
        CompletableFuture<CounterReader.Read> before = CompletableFuture.supplyAsync(reader::read, beforeReads);
        ProbeResult result = burst.get();
        CounterReader.Read first = before.join();
        if (!first.ok()) {
            return with(result, Map.of(), Map.of(MetricNames.LABEL_WAN_TRAFFIC, "unavailable: " + first.failure()));
        }
        CounterReader.Read second = reader.read();
        if (!second.ok()) {
            return with(result, Map.of(), Map.of(MetricNames.LABEL_WAN_TRAFFIC, "unavailable: " + second.failure()));
        }
        return switch (CounterDelta.between(first.snapshot(), second.snapshot())) {
            case CounterDelta.Dropped d -> with(result, Map.of(), Map.of(MetricNames.LABEL_WAN_TRAFFIC, "unavailable: " + d.reason()));
            case CounterDelta.Rates r -> {
                TrafficMetrics.Sample sample = TrafficMetrics.burst(r, wan.lineRate());
                yield with(result, sample.metrics(), sample.labels());
            }
        };
    }

    private static ProbeResult with(ProbeResult r, Map<String, Double> extraMetrics, Map<String, String> extraLabels) {
        Map<String, Double> metrics = new LinkedHashMap<>(r.metrics());
        metrics.putAll(extraMetrics);
        Map<String, String> labels = new LinkedHashMap<>(r.labels());
        labels.putAll(extraLabels);
        return PrintableResult.of(new ProbeResult(r.id(), r.agentId(), r.kind(), r.target(), r.startedAt(), r.durationMs(), r.status(),
                r.reason(), metrics, labels, r.details()));
    }
}
