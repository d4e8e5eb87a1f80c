package io.callready.bench.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One reading of a process from {@code /proc}: resident set ({@code VmRSS}), threads, and user + system CPU time.
 * {@code stat}'s fields 14 and 15 count clock ticks, 100 per second on Linux (USER_HZ).
 */
record ProcStatus(long rssKb, int threads, long cpuTicks) {
    static final int TICKS_PER_SECOND = 100;

    static ProcStatus read(long pid) throws IOException {
        long rss = -1;
        int threads = -1;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.substring(6).strip().split("\\s+")[0]);
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.substring(8).strip());
            }
        }
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // the command name (field 2) may hold spaces; fields after its closing parenthesis start at 3
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long cpu = Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
        return new ProcStatus(rss, threads, cpu);
    }
}
