package io.callready.bench.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a process's resident set lies, from {@code /proc/PID/smaps}: resident kB per mapped file, with anonymous
 * mappings (heap, metaspace, stacks, malloc arenas) together under {@code [anon]}. NMT sees only the JVM's own
 * allocations; this shows the rest too (the libraries' text, the jar and the CDS archive, glibc's arenas).
 */
final class MemoryMap {
    private MemoryMap() {
    }

    static Map<String, Long> residentKbByMapping(long pid) throws IOException {
        Map<String, Long> byName = new LinkedHashMap<>();
        String current = "[anon]";
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] f = line.split("\\s+", 6);
                current = f.length < 6 || f[5].isBlank() ? "[anon]" : f[5].strip();
            } else if (line.startsWith("Rss:")) {
                long kb = Long.parseLong(line.substring(4).strip().split("\\s+")[0]);
                byName.merge(current, kb, Long::sum);
            }
        }
        return byName;
    }

    static List<Map.Entry<String, Long>> largest(Map<String, Long> byName, int n) {
        return byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n).toList();
    }
}
