package io.callready.collector.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * Flushes every file and directory of a data directory to disk, as {@code initdb --sync-only} does. A data directory
 * last run without flushing (an older collector, or the tests' throw-away server) may still hold acknowledged commits only in
 * the page cache; PostgreSQL syncs the directory itself only after a crash, not after a clean shutdown.
 */
final class DataDirectorySync {
    private DataDirectorySync() {
    }

    /** @return how many files and directories were flushed */
    static int sync(Path root) throws IOException {
        int flushed = 0;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                flushed += flush(p) ? 1 : 0;
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return flushed;
    }

    private static boolean flush(Path p) throws IOException {
        if (!Files.isRegularFile(p) && !Files.isDirectory(p)) {
            return false;
        }
        try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ)) {
            c.force(true);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
