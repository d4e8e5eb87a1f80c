package io.callready.agent.outbox;

import io.callready.wire.json.ResultJson;
import io.callready.wire.json.WireJson;
import io.callready.wire.result.ProbeResult;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Durable queue of results waiting for the collector, one JSON file per result under
 * {@code <state_dir>/outbox/pending/}. A result is on disk (temp file, fsync, atomic rename, directory fsync)
 * before anyone tries to ship it, so a crash or power cut loses nothing that was accepted. File names sort by
 * the result's start time, then its id: {@code <epoch-ms, 13 digits>-<uuid>.json}.
 *
 * <p>A result that must never be sent (it breaks the shared result rules, or the collector refused it by name) goes
 * to {@code outbox/quarantine/<same name>} as {@code {quarantinedAt, reason, result}}, one file per result. Files in
 * {@code pending/} that are not readable results go to {@code outbox/rejected/<time>-unreadable/}.
 *
 * <p>Pending bytes are capped ({@link #DEFAULT_MAX_PENDING_BYTES}); past the cap the oldest results are deleted,
 * counted ({@link #droppedCount()}) and logged with their ids. This is the one way a result can be lost, and only
 * when the collector has been unreachable for long enough to fill the cap.
 */
public final class Outbox {
    public static final long DEFAULT_MAX_PENDING_BYTES = 512L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
    private static final String SUFFIX = ".json";
    private static final String TEMP_PREFIX = DurableFiles.TEMP_PREFIX;
    private static final DateTimeFormatter REJECT_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path pending;
    private final Path rejected;
    private final Path quarantine;
    private final long maxPendingBytes;
    private final Clock clock;
    /** File name → size, in name (= age) order. */
    private final TreeMap<String, Long> index = new TreeMap<>();
    private long pendingBytes;
    private long dropped;
    private long quarantined;

    private Outbox(Path root, long maxPendingBytes, Clock clock) {
        this.pending = root.resolve("pending");
        this.rejected = root.resolve("rejected");
        this.quarantine = root.resolve("quarantine");
        this.maxPendingBytes = maxPendingBytes;
        this.clock = clock;
    }

    /** Opens (creating if needed) the outbox under {@code <stateDir>/outbox} and indexes what is already pending. */
    public static Outbox open(Path stateDir, long maxPendingBytes, Clock clock) throws IOException {
        Outbox outbox = new Outbox(stateDir.resolve("outbox"), maxPendingBytes, clock);
        Files.createDirectories(outbox.pending);
        Files.createDirectories(outbox.rejected);
        Files.createDirectories(outbox.quarantine);
        // directories made just now must survive a power cut too, or the files renamed into them would not
        DurableFiles.syncDirectory(outbox.pending.getParent());
        DurableFiles.syncDirectory(stateDir);
        outbox.scan();
        return outbox;
    }

    public static Outbox open(Path stateDir) throws IOException {
        return open(stateDir, DEFAULT_MAX_PENDING_BYTES, Clock.systemUTC());
    }

    private synchronized void scan() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pending)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(TEMP_PREFIX)) {
                    // a write that never reached its rename: the result was never handed over
                    Files.deleteIfExists(file);
                } else if (name.endsWith(SUFFIX)) {
                    long size = Files.size(file);
                    index.put(name, size);
                    pendingBytes += size;
                }
            }
        }
    }

    /** Stores a result durably. Returns once it is on disk. */
    public synchronized void add(ProbeResult result) throws IOException {
        byte[] bytes = ResultJson.write(result);
        String name = fileName(result);
        DurableFiles.write(pending.resolve(name), bytes);
        Long previous = index.put(name, (long) bytes.length);
        pendingBytes += bytes.length - (previous == null ? 0 : previous);
        enforceCap();
    }

    private static String fileName(ProbeResult result) {
        return String.format("%013d-%s%s", result.startedAt().toEpochMilli(), result.id(), SUFFIX);
    }

    private void enforceCap() throws IOException {
        List<String> droppedNow = new ArrayList<>();
        while (pendingBytes > maxPendingBytes && index.size() > 1) {
            String oldest = index.firstKey();
            Files.deleteIfExists(pending.resolve(oldest));
            pendingBytes -= index.remove(oldest);
            droppedNow.add(oldest);
        }
        if (!droppedNow.isEmpty()) {
            DurableFiles.syncDirectory(pending);
            dropped += droppedNow.size();
            LOG.warning("outbox is over its cap of " + maxPendingBytes + " bytes: dropped the " + droppedNow.size()
                    + " oldest results (" + dropped + " dropped since start; files " + String.join(", ", droppedNow)
                    + "); is the collector reachable?");
        }
    }

    /**
     * Up to {@code max} of the oldest pending results. Files that cannot be read as a result are moved to
     * {@code rejected/} (and logged) rather than blocking the queue.
     */
    public synchronized List<Entry> oldest(int max) throws IOException {
        return oldest(max, Set.of());
    }

    /** As {@link #oldest(int)}, skipping the files named in {@code skip} (results already in a batch being split). */
    public synchronized List<Entry> oldest(int max, Set<Path> skip) throws IOException {
        List<Entry> batch = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (String name : index.keySet()) {
            if (batch.size() >= max) break;
            if (skip.contains(pending.resolve(name))) continue;
            Path file = pending.resolve(name);
            try {
                batch.add(new Entry(file, WireJson.read(Files.readAllBytes(file), ProbeResult.class)));
            } catch (IOException e) {
                LOG.warning("outbox file " + file + " is not a readable result (" + e.getMessage() + "); moving it to " + rejected);
                unreadable.add(name);
            }
        }
        if (!unreadable.isEmpty()) {
            Path dir = newRejectDir("unreadable");
            for (String name : unreadable) {
                DurableFiles.move(pending.resolve(name), dir.resolve(name));
                pendingBytes -= index.remove(name);
            }
            DurableFiles.syncDirectory(dir);
            DurableFiles.syncDirectory(pending);
        }
        return batch;
    }

    /** Forgets results the collector accepted. */
    public synchronized void remove(List<Entry> entries) throws IOException {
        for (Entry e : entries) {
            Files.deleteIfExists(e.file());
            Long size = index.remove(e.file().getFileName().toString());
            if (size != null) pendingBytes -= size;
        }
        DurableFiles.syncDirectory(pending);
    }

    /** Whether the result is still pending (not shipped, quarantined or dropped by the cap meanwhile). */
    public synchronized boolean contains(Entry entry) {
        return index.containsKey(entry.file().getFileName().toString());
    }

    /**
     * Sets a pending result aside for good: {@code quarantine/<name>} holds the result and the reason (written
     * durably first), then the pending file goes. Returns the quarantine file, or empty when the result was no
     * longer pending.
     */
    public synchronized Optional<Path> quarantine(Entry entry, QuarantineReason reason) throws IOException {
        String name = entry.file().getFileName().toString();
        if (!index.containsKey(name)) {
            return Optional.empty();
        }
        Path file = writeQuarantined(name, entry.result(), reason);
        Files.deleteIfExists(entry.file());
        pendingBytes -= index.remove(name);
        DurableFiles.syncDirectory(pending);
        return Optional.of(file);
    }

    /** Sets aside a result that never entered the queue (it failed the checks before {@link #add}). */
    public synchronized Path quarantineUnqueued(ProbeResult result, QuarantineReason reason) throws IOException {
        return writeQuarantined(fileName(result), result, reason);
    }

    private Path writeQuarantined(String name, ProbeResult result, QuarantineReason reason) throws IOException {
        Path file = quarantine.resolve(name);
        for (int n = 2; Files.exists(file); n++) {
            file = quarantine.resolve(name.substring(0, name.length() - SUFFIX.length()) + "-" + n + SUFFIX);
        }
        DurableFiles.write(file, WireJson.databind().writerWithDefaultPrettyPrinter().writeValueAsBytes(
                new Quarantined(clock.instant(), reason, result)));
        quarantined++;
        return file;
    }

    /** What a quarantine file holds. */
    public record Quarantined(Instant quarantinedAt, QuarantineReason reason, ProbeResult result) {
    }

    private Path newRejectDir(String why) throws IOException {
        String base = REJECT_STAMP.format(clock.instant()) + "-" + why;
        Path dir = rejected.resolve(base);
        for (int n = 2; Files.exists(dir); n++) {
            dir = rejected.resolve(base + "-" + n);
        }
        return Files.createDirectories(dir);
    }

    public synchronized int pendingCount() {
        return index.size();
    }

    public synchronized long pendingBytes() {
        return pendingBytes;
    }

    /** Results dropped because the pending cap was exceeded, since this outbox was opened. */
    public synchronized long droppedCount() {
        return dropped;
    }

    public Path pendingDir() {
        return pending;
    }

    public Path rejectedDir() {
        return rejected;
    }

    public Path quarantineDir() {
        return quarantine;
    }

    /** Results set aside in {@code quarantine/} since this outbox was opened. */
    public synchronized long quarantinedCount() {
        return quarantined;
    }

    /** A pending result and the file that holds it. */
    public record Entry(Path file, ProbeResult result) {
    }
}
