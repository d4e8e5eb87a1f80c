package io.callready.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short command to its end, with its output (stdout and stderr together) and a time limit. */
final class Shell {
    private Shell() {
    }

    record Outcome(List<String> command, int exit, String output) {
        /** The output, failing with the command, exit code and output if it did not exit 0. */
        String ok() throws IOException {
            if (exit != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + exit + ":\n" + output);
            }
            return output;
        }
    }

    static Outcome run(Duration timeout, String... command) throws IOException, InterruptedException {
        return run(timeout, List.of(command));
    }

    static Outcome run(Duration timeout, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("callready-shell", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s:\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Outcome(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
