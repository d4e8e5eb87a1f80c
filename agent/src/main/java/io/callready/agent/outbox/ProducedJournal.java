package io.callready.agent.outbox;

import io.callready.wire.result.ProbeResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.logging.Logger;

/**
 * One line per result the probes produced, {@code <startedAt> <id> <kind> queued|quarantined}, in
 * {@code outbox/produced.log}: what an operator (or a test) compares with what the collector stored. Past
 * {@link #MAX_BYTES} the file becomes {@code produced.log.1} (the previous one is replaced), so it stays small.
 * Written after the result is on disk and not fsynced: a note for people, not part of the queue.
 */
public final class ProducedJournal {
    public static final long MAX_BYTES = 4L * 1024 * 1024;
    public static final String FILE = "produced.log";

    private static final Logger LOG = Logger.getLogger(ProducedJournal.class.getName());

    private final Path file;
    private final Path previous;
    private final long maxBytes;

    public ProducedJournal(Path outboxDir, long maxBytes) {
        this.file = outboxDir.resolve(FILE);
        this.previous = outboxDir.resolve(FILE + ".1");
        this.maxBytes = maxBytes;
    }

    public static ProducedJournal in(Outbox outbox) {
        return new ProducedJournal(outbox.pendingDir().getParent(), MAX_BYTES);
    }

    synchronized void note(ProbeResult result, String fate) {
        String line = result.startedAt() + " " + result.id() + " " + result.kind().wireName() + " " + fate + "\n";
        try {
            if (Files.exists(file) && Files.size(file) + line.length() > maxBytes) {
                Files.move(file, previous, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the result itself is stored; only the note is missing
            LOG.warning("cannot write " + file + ": " + e.getMessage());
        }
    }

    public Path file() {
        return file;
    }
}
