package io.callready.demo;

import io.callready.wire.plan.DurationText;
import io.callready.wire.result.ResultBatch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The arguments of {@code ./callready bench ingest}. Every option takes one value, may be given once, and is
 * checked here, so a mistake ends the run before anything starts, with a message naming the option.
 *
 * @param replicas collectors on the one database; clients are spread over them round-robin
 * @param sustained length of the run with jobs on (0s skips it)
 * @param catchUp  how long after the sustained load the evaluator and the rollups may take to catch up
 */
record IngestOptions(Path root, int rows, int batch, int clients, int agents, int replicas, Duration sustained, Duration catchUp) {
    static final String USAGE = "usage: bench ingest [--rows N] [--batch N] [--clients N] [--agents N] [--replicas N] "
            + "[--sustained 2m] [--catch-up 3m]";
    /** Embedded PostgreSQL allows 100 connections; each collector's pool takes up to 20. */
    static final int MAX_REPLICAS = 4;

    static IngestOptions defaults() {
        return new IngestOptions(Path.of("."), 60_000, 500, 8, 32, 1, Duration.ofMinutes(2), Duration.ofMinutes(3));
    }

    /** @throws IllegalArgumentException naming the option and what is wrong with it */
    static IngestOptions parse(String... args) {
        IngestOptions o = defaults();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || !KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "'; " + USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value; " + USAGE);
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(name + " is given twice");
            }
            String value = args[i + 1];
            o = switch (name) {
                case "--root" -> new IngestOptions(Path.of(value), o.rows, o.batch, o.clients, o.agents, o.replicas, o.sustained, o.catchUp);
                case "--rows" -> new IngestOptions(o.root, count(name, value, 1_000), o.batch, o.clients, o.agents, o.replicas, o.sustained, o.catchUp);
                case "--batch" -> new IngestOptions(o.root, o.rows, count(name, value, 1), o.clients, o.agents, o.replicas, o.sustained, o.catchUp);
                case "--clients" -> new IngestOptions(o.root, o.rows, o.batch, count(name, value, 1), o.agents, o.replicas, o.sustained, o.catchUp);
                case "--agents" -> new IngestOptions(o.root, o.rows, o.batch, o.clients, count(name, value, 1), o.replicas, o.sustained, o.catchUp);
                case "--replicas" -> new IngestOptions(o.root, o.rows, o.batch, o.clients, o.agents, count(name, value, 1), o.sustained, o.catchUp);
                case "--sustained" -> new IngestOptions(o.root, o.rows, o.batch, o.clients, o.agents, o.replicas, duration(name, value), o.catchUp);
                default -> new IngestOptions(o.root, o.rows, o.batch, o.clients, o.agents, o.replicas, o.sustained, duration(name, value));
            };
        }
        if (o.batch > ResultBatch.MAX_RESULTS) {
            throw new IllegalArgumentException("--batch " + o.batch + " is more than a batch may hold (" + ResultBatch.MAX_RESULTS + ")");
        }
        if (o.replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("--replicas " + o.replicas + " is more than " + MAX_REPLICAS
                    + " (each collector's pool takes up to 20 of the embedded PostgreSQL's 100 connections)");
        }
        if (o.clients < o.replicas) {
            throw new IllegalArgumentException("--clients " + o.clients + " is fewer than --replicas " + o.replicas
                    + "; each collector needs at least one client");
        }
        if (!o.sustained.isZero() && o.catchUp.isZero()) {
            throw new IllegalArgumentException("--catch-up must be longer than 0s when there is a sustained run");
        }
        return o;
    }

    private static final Set<String> KNOWN = Set.of("--root", "--rows", "--batch", "--clients", "--agents", "--replicas",
            "--sustained", "--catch-up");

    private static int count(String name, String value, int least) {
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a whole number");
        }
        if (n < least) {
            throw new IllegalArgumentException(name + " must be at least " + least + ", not " + n);
        }
        return n;
    }

    private static Duration duration(String name, String value) {
        try {
            return DurationText.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }
}
