package io.callready.agent.probe.traffic;

import io.callready.agent.probe.Probe;
import io.callready.agent.probe.ProbeContext;
import io.callready.wire.plan.WanTrafficSpec;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.PrintableResult;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The background traffic series: each run reads the counters and reports the rates since the previous run's read, so
 * consecutive samples tile time. The first run (and a run after a gap of more than two intervals) has no previous
 * read: it reads twice, {@link #FIRST_SAMPLE} apart (at most the interval). A result starts at its sample's first read.
 */
public final class WanTrafficProbe implements Probe<WanTrafficSpec> {
    /** The first sample of a series; long enough for net-snmp's 3 s counter cache to step at least twice. */
    public static final Duration FIRST_SAMPLE = Duration.ofSeconds(10);

    private final CounterReaders readers;
    private final Map<WanTrafficSpec, Series> series = new ConcurrentHashMap<>();

    private static final class Series {
        final CounterReader reader;
        CounterSnapshot last;

        Series(CounterReader reader) {
            this.reader = reader;
        }
    }

    public WanTrafficProbe(CounterReaders readers) {
        this.readers = readers;
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.WAN_TRAFFIC;
    }

    @Override
    public String target(WanTrafficSpec spec) {
        return readers.forSpec(spec, java.time.Clock.systemUTC()).target();
    }

    @Override
    public ProbeResult run(WanTrafficSpec spec, ProbeContext context) {
        series.keySet().removeIf(s -> s.name().equals(spec.name()) && !s.equals(spec));
        Series s = series.computeIfAbsent(spec, k -> new Series(readers.forSpec(k, context.clock())));
        synchronized (s) {
            CounterSnapshot previous = s.last;
            Duration gap = spec.interval().multipliedBy(2).plusSeconds(5);
            if (previous != null && System.nanoTime() - previous.atNanos() > gap.toNanos()) {
                previous = null;
            }
            if (previous == null) {
                CounterReader.Read first = s.reader.read();
                if (!first.ok()) {
                    return failed(s.reader, context, first);
                }
                previous = first.snapshot();
                Duration wait = spec.interval().compareTo(FIRST_SAMPLE) < 0 ? spec.interval() : FIRST_SAMPLE;
                context.progress().accept("first sample of " + s.reader.target() + ": waiting " + wait.toSeconds() + " s for a second read");
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return result(s.reader, context, previous.at(), 0, ResultStatus.ERROR, "interrupted before the second read",
                            Map.of(), Map.of());
                }
            }
            CounterReader.Read now = s.reader.read();
            if (!now.ok()) {
                s.last = null;
                return failed(s.reader, context, now);
            }
            s.last = now.snapshot();
            return conclude(spec, s.reader, context, previous, now.snapshot());
        }
    }

    /** One sample of {@code length} now, without the series' memory: what a lab test or a one-shot check measures. */
    public static ProbeResult sampleOnce(WanTrafficSpec spec, CounterReaders readers, Duration length, ProbeContext context)
            throws InterruptedException {
        CounterReader reader = readers.forSpec(spec, context.clock());
        CounterReader.Read first = reader.read();
        if (!first.ok()) {
            return failed(reader, context, first);
        }
        Thread.sleep(length);
        CounterReader.Read second = reader.read();
        if (!second.ok()) {
            return failed(reader, context, second);
        }
        return conclude(spec, reader, context, first.snapshot(), second.snapshot());
    }

    private static ProbeResult conclude(WanTrafficSpec spec, CounterReader reader, ProbeContext context, CounterSnapshot before,
                                        CounterSnapshot after) {
        long sampleMs = (after.atNanos() - before.atNanos()) / 1_000_000;
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MetricNames.LABEL_INTERFACE, after.interfaceName());
        labels.put(MetricNames.LABEL_SOURCE, spec.source().wireName());
        return switch (CounterDelta.between(before, after)) {
            case CounterDelta.Dropped d -> result(reader, context, before.at(), sampleMs, d.status(), d.reason(), Map.of(), labels);
            case CounterDelta.Rates r -> {
                TrafficMetrics.Sample sample = TrafficMetrics.series(r, spec.lineRate(), spec.source());
                yield result(reader, context, before.at(), sampleMs, sample.problem() == null ? ResultStatus.OK : ResultStatus.DEGRADED,
                        sample.problem() == null ? "" : sample.problem(), sample.metrics(), sample.labels());
            }
        };
    }

    private static ProbeResult failed(CounterReader reader, ProbeContext context, CounterReader.Read read) {
        return result(reader, context, context.clock().instant(), 0, read.status(), read.failure(), Map.of(), Map.of());
    }

    private static ProbeResult result(CounterReader reader, ProbeContext context, Instant startedAt, long durationMs, ResultStatus status,
                                      String reason, Map<String, Double> metrics, Map<String, String> labels) {
        return PrintableResult.of(new ProbeResult(UUID.randomUUID(), context.agentId(), ProbeKind.WAN_TRAFFIC, reader.target(), startedAt,
                durationMs, status, reason, metrics, labels, null));
    }
}
