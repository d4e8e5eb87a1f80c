package io.callready.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/** Measures one phase from start to stop: each collector's CPU and peak RSS and PostgreSQL's CPU, from /proc. */
final class PhaseMeter {
    private final BenchCluster cluster;
    private final long[] collectorTicks;
    private final long postgresTicks;
    private final List<RssSampler> rss = new ArrayList<>();
    private final long startNanos;

    private PhaseMeter(BenchCluster cluster) {
        this.cluster = cluster;
        collectorTicks = cluster.replicas().stream().mapToLong(c -> ProcStats.cpuTicks(c.pid(), false)).toArray();
        postgresTicks = ProcStats.postgresTicks(cluster.postmaster());
        cluster.replicas().forEach(c -> rss.add(RssSampler.start(c.pid())));
        startNanos = System.nanoTime();
    }

    static PhaseMeter start(BenchCluster cluster) {
        return new PhaseMeter(cluster);
    }

    /** @param stored rows each collector stored, by collector number - 1 */
    PhaseFigures stop(String name, AtomicLongArray stored) throws InterruptedException {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long postgres = ProcStats.postgresTicks(cluster.postmaster()) - postgresTicks;
        List<BenchCollector> replicas = cluster.replicas();
        List<PhaseFigures.Share> shares = new ArrayList<>();
        for (int r = 0; r < replicas.size(); r++) {
            shares.add(new PhaseFigures.Share(r + 1, stored.get(r), ProcStats.cpuTicks(replicas.get(r).pid(), false) - collectorTicks[r],
                    rss.get(r).stop()));
        }
        return PhaseFigures.collectors(name, seconds, postgres, shares);
    }
}
