package io.callready.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A child process whose output goes to a log file, stopped politely and then forcibly with its descendants. */
final class ManagedProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ManagedProcess start(String name, List<String> command, Path log) throws IOException {
        return start(name, command, log, ProcessBuilder.Redirect.to(log.toFile()));
    }

    /** As {@link #start}, appending to the log, so a restarted process adds to what it wrote before. */
    static ManagedProcess startAppending(String name, List<String> command, Path log) throws IOException {
        return start(name, command, log, ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    /** As {@link #startAppending}, in the given working directory. */
    static ManagedProcess startAppending(String name, List<String> command, Path log, Path workingDir) throws IOException {
        return start(name, command, log, ProcessBuilder.Redirect.appendTo(log.toFile()), workingDir);
    }

    private static ManagedProcess start(String name, List<String> command, Path log, ProcessBuilder.Redirect output) throws IOException {
        return start(name, command, log, output, null);
    }

    private static ManagedProcess start(String name, List<String> command, Path log, ProcessBuilder.Redirect output,
                                        Path workingDir) throws IOException {
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(command)
                .directory(workingDir == null ? null : workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        return new ManagedProcess(name, p, log);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /** SIGKILL to this process only (its children, e.g. an embedded PostgreSQL, are left running), then waits for it to go. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    long pid() {
        return process.pid();
    }

    /** The processes this one started that still run (they outlive a {@link #kill()}). */
    List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until a log line matches, failing early if the process dies. */
    String awaitLogLine(Predicate<String> match, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : readLog()) {
                if (match.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                throw new IOException(name + " exited with code " + process.exitValue() + "; see " + log + "\n" + tail(20));
            }
            Thread.sleep(100);
        }
        throw new IOException(name + " did not become ready within " + timeout.toSeconds() + " s; see " + log + "\n" + tail(20));
    }

    /** Waits for a short-lived process to finish; returns its exit code. */
    int awaitExit(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new IOException(name + " did not finish within " + timeout.toSeconds() + " s; see " + log + "\n" + tail(20));
        }
        return process.exitValue();
    }

    List<String> readLog() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8) : List.of();
    }

    String tail(int lines) {
        try {
            List<String> all = readLog();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
