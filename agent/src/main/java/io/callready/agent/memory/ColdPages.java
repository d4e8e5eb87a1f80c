package io.callready.agent.memory;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Hands the kernel back the pages of the process's read-only file mappings once start-up is over: above all libjvm's
 * code (16.3 MB resident after start, 11.6 MB once steady running has faulted back what it uses) and the runtime's
 * modules image. Start-up touches them once (class loading and linking, the first compilations, the first TLS
 * handshake) and they then stay resident for the life of the process; {@code madvise(MADV_PAGEOUT)} lets the kernel
 * reclaim them now instead of under memory pressure, and what steady running still reads faults back in from the file.
 * Only clean pages no other process maps are reclaimed, so no data is lost and other processes' pages (libc's) are
 * left alone. Of the class archives only the read-only halves qualify: the JVM relocates the rest into private memory
 * at every start. Linux
 * 5.4 or later; anywhere else, or when the call is refused, {@link #pageOut} says why and changes nothing.
 */
public final class ColdPages {
    /** Linux's {@code MADV_PAGEOUT} (include/uapi/asm-generic/mman-common.h). */
    static final int MADV_PAGEOUT = 21;
    private static final Path SELF_MAPS = Path.of("/proc/self/maps");
    private static final Path SELF_STATUS = Path.of("/proc/self/status");
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(ColdPages.class.getName());

    /** One line of {@code /proc/PID/maps}: {@code [start, end)}, permissions ({@code r-xp}) and the file, if any. */
    record Mapping(long start, long end, String perms, String path) {
        long bytes() {
            return end - start;
        }

        /** Readable, not writable, backed by a file that still exists: what the page-out applies to. */
        boolean readOnlyFile() {
            return perms.length() == 4 && perms.charAt(0) == 'r' && perms.charAt(1) == '-'
                    && path.startsWith("/") && !path.endsWith(" (deleted)");
        }
    }

    /** What one page-out did: mappings advised, their size, VmRSS before and after, and why it stopped if it did. */
    public record Outcome(int mappings, long bytes, long rssBeforeKb, long rssAfterKb, String failure) {
        String describe() {
            if (failure != null) {
                return "start-up pages not handed back: " + failure;
            }
            return String.format(Locale.ROOT, "start-up pages handed back: %d read-only file mappings (%.1f MB mapped), RSS %.1f -> %.1f MB",
                    mappings, bytes / 1048576.0, rssBeforeKb / 1024.0, rssAfterKb / 1024.0);
        }
    }

    private ColdPages() {
    }

    /**
     * Starts a daemon thread that waits until {@code startedUp} holds (checked once a second) or {@code atMost} has
     * passed, pages out once and logs what it did.
     */
    public static void afterStartUp(BooleanSupplier startedUp, Duration atMost) {
        Thread.ofPlatform().daemon(true).name("cold-pages").start(() -> {
            long deadline = System.nanoTime() + atMost.toNanos();
            try {
                while (!startedUp.getAsBoolean() && System.nanoTime() < deadline) {
                    Thread.sleep(POLL);
                }
            } catch (InterruptedException e) {
                return;
            }
            LOG.info(pageOut().describe());
        });
    }

    /** Advises every read-only file mapping of this process to be paged out; never throws. */
    public static Outcome pageOut() {
        long before = rssKb();
        List<Mapping> targets;
        try {
            targets = parse(Files.readAllLines(SELF_MAPS)).stream().filter(Mapping::readOnlyFile).toList();
        } catch (IOException | RuntimeException e) {
            return new Outcome(0, 0, before, before, "cannot read " + SELF_MAPS + ": " + e.getMessage());
        }
        MethodHandle madvise;
        Linker linker = Linker.nativeLinker();
        MemoryLayout capture = Linker.Option.captureStateLayout();
        try {
            madvise = linker.downcallHandle(linker.defaultLookup().find("madvise").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT),
                    Linker.Option.captureCallState("errno"));
        } catch (RuntimeException | LinkageError e) {
            return new Outcome(0, 0, before, before, "no madvise here (" + e.getMessage() + ")");
        }
        VarHandle errno = capture.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        int advised = 0;
        long bytes = 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(capture);
            for (Mapping m : targets) {
                int rc = (int) madvise.invokeExact(state, MemorySegment.ofAddress(m.start()), m.bytes(), MADV_PAGEOUT);
                if (rc == 0) {
                    advised++;
                    bytes += m.bytes();
                } else if (advised == 0) {
                    // the first refusal (EINVAL before Linux 5.4, EPERM under a seccomp filter) holds for every mapping
                    return new Outcome(0, 0, before, rssKb(), "madvise(MADV_PAGEOUT) refused with errno " + (int) errno.get(state, 0L));
                }
            }
        } catch (Throwable t) {
            return new Outcome(advised, bytes, before, rssKb(), "madvise failed: " + t);
        }
        return new Outcome(advised, bytes, before, rssKb(), null);
    }

    /** The mappings of a {@code /proc/PID/maps} text; a line that is not one is skipped. */
    static List<Mapping> parse(List<String> lines) {
        List<Mapping> mappings = new ArrayList<>();
        for (String line : lines) {
            // start-end perms offset dev inode [path]; the path may hold spaces
            String[] f = line.strip().split("\\s+", 6);
            int dash = f[0].indexOf('-');
            if (f.length < 5 || dash < 1) {
                continue;
            }
            try {
                long start = Long.parseUnsignedLong(f[0], 0, dash, 16);
                long end = Long.parseUnsignedLong(f[0], dash + 1, f[0].length(), 16);
                mappings.add(new Mapping(start, end, f[1], f.length == 6 ? f[5] : ""));
            } catch (NumberFormatException e) {
                // not a mapping line
            }
        }
        return mappings;
    }

    /** This process's VmRSS in kB, or -1 when it cannot be read. */
    static long rssKb() {
        try {
            for (String line : Files.readAllLines(SELF_STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
