package io.callready.agent.outbox;

import java.time.ZoneOffset;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callready.wire.Json;
import io.callready.wire.result.ProbeResult;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Durable queue of results waiting for the collector, one JSON file per result under
 * {@code <state_dir>/outbox/pending/}. A result is on disk (temp file, fsync, atomic rename, directory fsync)
 * before anyone tries to ship it, so a crash or power cut loses nothing that was accepted. File names sort by
 * the result's start time, then its id: {@code <epoch-ms, 13 digits>-<uuid>.json}.
 *
 * <p>Batches the collector refuses for good go to {@code outbox/rejected/<time>-http<status>/} with the response
 * saved beside them. Pending bytes are capped; past the cap the oldest results are dropped and counted.
 */
public final class Outbox {
    public static final long DEFAULT_MAX_PENDING_BYTES = 512L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
    private static final String SUFFIX = ".json";
    private static final String TEMP_PREFIX = ".tmp-";
    private static final DateTimeFormatter REJECT_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path pending;
    private final Path rejected;
    private final long maxPendingBytes;
    private final Clock clock;
    private final ObjectMapper json = Json.newMapper();
    /** File name → size, in name (= age) order. */
    private final TreeMap<String, Long> index = new TreeMap<>();
    private long pendingBytes;
    private long dropped;

    private Outbox(Path root, long maxPendingBytes, Clock clock) {
        this.pending = root.resolve("pending");
        this.rejected = root.resolve("rejected");
        this.maxPendingBytes = maxPendingBytes;
        this.clock = clock;
    }

    /** Opens (creating if needed) the outbox under {@code <stateDir>/outbox} and indexes what is already pending. */
    public static Outbox open(Path stateDir, long maxPendingBytes, Clock clock) throws IOException {
        Outbox outbox = new Outbox(stateDir.resolve("outbox"), maxPendingBytes, clock);
        Files.createDirectories(outbox.pending);
        Files.createDirectories(outbox.rejected);
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
        byte[] bytes = json.writeValueAsBytes(result);
        String name = String.format("%013d-%s%s", result.startedAt().toEpochMilli(), result.id(), SUFFIX);
        Path temp = pending.resolve(TEMP_PREFIX + name);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        moveAtomically(temp, pending.resolve(name));
        syncDirectory(pending);
        Long previous = index.put(name, (long) bytes.length);
        pendingBytes += bytes.length - (previous == null ? 0 : previous);
        enforceCap();
    }

    private void enforceCap() throws IOException {
        int droppedNow = 0;
        while (pendingBytes > maxPendingBytes && index.size() > 1) {
            String oldest = index.firstKey();
            Files.deleteIfExists(pending.resolve(oldest));
            pendingBytes -= index.remove(oldest);
            droppedNow++;
        }
        if (droppedNow > 0) {
            dropped += droppedNow;
            LOG.warning("outbox is over its cap of " + maxPendingBytes + " bytes: dropped the " + droppedNow
                    + " oldest results (" + dropped + " dropped since start); is the collector reachable?");
        }
    }

    /**
     * Up to {@code max} of the oldest pending results. Files that cannot be read as a result are moved to
     * {@code rejected/} (and logged) rather than blocking the queue.
     */
    public synchronized List<Entry> oldest(int max) throws IOException {
        List<Entry> batch = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (String name : index.keySet()) {
            if (batch.size() >= max) break;
            Path file = pending.resolve(name);
            try {
                batch.add(new Entry(file, json.readValue(file.toFile(), ProbeResult.class)));
            } catch (IOException e) {
                LOG.warning("outbox file " + file + " is not a readable result (" + e.getMessage() + "); moving it to " + rejected);
                unreadable.add(name);
            }
        }
        if (!unreadable.isEmpty()) {
            Path dir = newRejectDir("unreadable");
            for (String name : unreadable) {
                moveAtomically(pending.resolve(name), dir.resolve(name));
                pendingBytes -= index.remove(name);
            }
            syncDirectory(pending);
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
        syncDirectory(pending);
    }

    /** Moves a refused batch to {@code rejected/<time>-http<status>/} with the collector's response beside it. */
    public synchronized Path reject(List<Entry> entries, int status, String responseBody) throws IOException {
        Path dir = newRejectDir("http" + status);
        Files.writeString(dir.resolve("response.txt"), "HTTP " + status + "\n\n" + responseBody, StandardCharsets.UTF_8);
        for (Entry e : entries) {
            String name = e.file().getFileName().toString();
            moveAtomically(e.file(), dir.resolve(name));
            Long size = index.remove(name);
            if (size != null) pendingBytes -= size;
        }
        syncDirectory(pending);
        syncDirectory(dir);
        return dir;
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

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes a rename durable; not every platform can open a directory, which is then left to the OS. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open directories; NTFS journals the rename itself
        }
    }

    /** A pending result and the file that holds it. */
    public record Entry(Path file, ProbeResult result) {
    }
}
