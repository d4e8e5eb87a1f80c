package io.callready.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * N collectors on one durable embedded PostgreSQL: the first starts it (and runs the migrations), the others are
 * started together once it is ready and use its JDBC URL. Client {@code i} talks to collector {@code i mod N}.
 */
final class BenchCluster implements AutoCloseable {
    private final List<BenchCollector> replicas;

    private BenchCluster(List<BenchCollector> replicas) {
        this.replicas = replicas;
    }

    static BenchCluster start(Artifacts bin, Path work, int count, boolean jobs) throws IOException, InterruptedException {
        List<BenchCollector> started = new ArrayList<>();
        BenchCluster cluster = new BenchCluster(started);
        try {
            BenchCollector first = BenchCollector.start(bin, work, jobs);
            started.add(first);
            try (ExecutorService starting = Executors.newFixedThreadPool(Math.max(1, count - 1))) {
                List<Future<BenchCollector>> others = new ArrayList<>();
                for (int replica = 2; replica <= count; replica++) {
                    int n = replica;
                    others.add(starting.submit(() -> BenchCollector.alongside(first, bin, work, n)));
                }
                IOException failed = null;
                for (Future<BenchCollector> f : others) {
                    try {
                        started.add(f.get());
                    } catch (ExecutionException e) {
                        failed = failed != null ? failed : new IOException(e.getCause().getMessage(), e.getCause());
                    }
                }
                if (failed != null) {
                    throw failed;
                }
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    List<BenchCollector> replicas() {
        return replicas;
    }

    BenchCollector first() {
        return replicas.getFirst();
    }

    BenchCollector forClient(int client) {
        return replicas.get(client % replicas.size());
    }

    Connection database() throws SQLException {
        return first().database();
    }

    ProcessHandle postmaster() {
        return first().postmaster();
    }

    /** Stops the others first: the first one's database must outlive them. */
    @Override
    public void close() throws IOException {
        IOException failed = null;
        for (BenchCollector c : replicas.reversed()) {
            try {
                c.close();
            } catch (IOException e) {
                failed = failed != null ? failed : e;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
