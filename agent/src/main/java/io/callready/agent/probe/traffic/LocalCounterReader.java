package io.callready.agent.probe.traffic;

import io.callready.wire.result.ResultStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * The agent's own NIC, from {@code /sys/class/net/IF}: tx_bytes is up, rx_bytes down (64-bit on Linux); the ifindex
 * marks discontinuities (an interface deleted and created again restarts its counters).
 */
public final class LocalCounterReader implements CounterReader {
    public static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

    private final Path root;
    private final String iface;
    private final Clock clock;

    public LocalCounterReader(Path sysClassNet, String iface, Clock clock) {
        this.root = sysClassNet;
        this.iface = iface;
        this.clock = clock;
    }

    @Override
    public String target() {
        return "local:" + iface;
    }

    @Override
    public Read read() {
        Path dir = root.resolve(iface);
        if (!Files.isDirectory(dir)) {
            return Read.failed(ResultStatus.FAILED, "this host has no network interface " + iface + " (" + dir + " is missing)");
        }
        try {
            Long ifindex = number(dir.resolve("ifindex"));
            long rx = required(dir.resolve("statistics/rx_bytes"));
            long tx = required(dir.resolve("statistics/tx_bytes"));
            // both clocks read together: a result's start and length come from the two
            long atNanos = System.nanoTime();
            Instant at = clock.instant();
            String oper = text(dir.resolve("operstate"));
            boolean up = !(oper.equals("down") || oper.equals("lowerlayerdown") || oper.equals("notpresent"));
            Long speedMbps = number(dir.resolve("speed"));
            Long speed = speedMbps == null || speedMbps <= 0 ? null : speedMbps * 1_000_000;
            return Read.of(new CounterSnapshot(atNanos, at, iface, null, ifindex, up, oper, 64, rx, tx, 64,
                    number(dir.resolve("statistics/rx_dropped")), number(dir.resolve("statistics/tx_dropped")),
                    number(dir.resolve("statistics/tx_errors")), speed));
        } catch (IOException e) {
            return Read.failed(ResultStatus.ERROR, "cannot read the counters of " + iface + " in " + dir + ": " + e.getMessage());
        }
    }

    private static long required(Path file) throws IOException {
        Long n = number(file);
        if (n == null) {
            throw new NoSuchFileException(file.toString());
        }
        return n;
    }

    /** The number a sysfs file holds; null when the file is missing or the driver refuses (speed of lo: EINVAL). */
    private static Long number(Path file) {
        try {
            String t = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return t.isEmpty() ? null : Long.parseLong(t);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
