package io.callready.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time and resident memory of processes, read from /proc. CPU is in clock ticks of 10 ms (USER_HZ is 100 on
 * every Linux ABI this runs on).
 */
final class ProcStats {
    static final double SECONDS_PER_TICK = 0.01;

    private ProcStats() {
    }

    /** utime + stime of the process itself (all its threads), plus those of its reaped children when asked. */
    static long cpuTicks(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command, which may hold spaces, start at field 3 (state).
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return withReapedChildren ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
        } catch (IOException | RuntimeException e) {
            return 0; // The process has gone; its ticks are counted in its parent's reaped children.
        }
    }

    /**
     * CPU of a PostgreSQL server: the postmaster with every backend it has reaped, plus the backends still running
     * (each connection's backend and the background workers).
     */
    static long postgresTicks(ProcessHandle postmaster) {
        long ticks = cpuTicks(postmaster.pid(), true);
        for (ProcessHandle child : postmaster.children().toList()) {
            ticks += cpuTicks(child.pid(), false);
        }
        return ticks;
    }

    /** The PostgreSQL server running on a data directory: the pid its postmaster.pid names (zonky's pg_ctl detaches it). */
    static ProcessHandle postmasterOf(Path dataDir) throws IOException {
        List<String> pidFile = Files.readAllLines(dataDir.resolve("postmaster.pid"));
        return ProcessHandle.of(Long.parseLong(pidFile.getFirst().strip()))
                .orElseThrow(() -> new IOException("no PostgreSQL runs on " + dataDir));
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
