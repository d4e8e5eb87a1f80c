package io.callready.agent.lab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A site network built in network namespaces by {@code lab/netns-lab.sh}: site host, customer router (nftables NAT),
 * optional second NAT, provider host. Processes started in it are killed and the namespaces deleted on close.
 * Later NAT and QoS tests extend the script with more impairments and reuse this class.
 */
public final class Lab implements AutoCloseable {
    public static final String SITE_IP = "192.168.1.2";
    public static final String ROUTER_WAN_IP = "203.0.113.2";
    public static final String PROVIDER_IP = "203.0.113.10";

    private final String prefix;
    private final Path script;
    private final List<Process> processes = new ArrayList<>();

    private Lab(String prefix, Path script) {
        this.prefix = prefix;
        this.script = script;
    }

    /** Null when the lab can run here, else why not (for the skip message). */
    public static String unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "the namespace lab needs root (ip netns, nftables); CI runs it as root";
        }
        for (String tool : List.of("/usr/sbin/ip", "/usr/sbin/nft")) {
            if (!new File(tool).canExecute() && !new File(tool.replace("/usr/sbin", "/sbin")).canExecute()) {
                return tool + " is missing; run scripts/install-deps.sh";
            }
        }
        return scriptPath() == null ? "lab/netns-lab.sh not found from " + Path.of("").toAbsolutePath() : null;
    }

    private static Path scriptPath() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path s = dir.resolve("lab/netns-lab.sh");
            if (Files.isRegularFile(s)) return s;
        }
        return null;
    }

    /** @param options extra arguments for {@code up}, e.g. {@code double-nat} */
    public static Lab up(String prefix, String... options) throws IOException, InterruptedException {
        Lab lab = new Lab(prefix, scriptPath());
        lab.script("down");
        List<String> args = new ArrayList<>(List.of("up"));
        args.addAll(List.of(options));
        try {
            lab.script(args.toArray(String[]::new));
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    public String namespace(String role) {
        return prefix + "-" + role;
    }

    /** Runs a lab script command ({@code alg-on}, {@code mtu 1400}, ...) for this lab. */
    public void script(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString(), args[0], prefix));
        cmd.addAll(List.of(args).subList(1, args.length));
        Result r = run(cmd, Duration.ofSeconds(20));
        if (r.exit() != 0) {
            throw new IOException("lab script " + String.join(" ", args) + " failed (" + r.exit() + "): " + r.output());
        }
    }

    public record Result(int exit, String output, String errors, long tookMs) {
    }

    /** Runs a command inside a namespace and waits for it (bounded). */
    public Result exec(String role, List<String> command, Duration timeout) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace(role)));
        cmd.addAll(command);
        return run(cmd, timeout);
    }

    private static Result run(List<String> cmd, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile("lab-out", ".txt");
        Path err = Files.createTempFile("lab-err", ".txt");
        long start = System.nanoTime();
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IOException("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", cmd)
                        + "\nstderr: " + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Starts a long-running process in a namespace; it is killed on close. Waits until its output contains {@code ready}. */
    public Process spawn(String role, List<String> command, Path log, String ready, Duration startup) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace(role)));
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        long deadline = System.nanoTime() + startup.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(ready)) return p;
            if (!p.isAlive()) break;
            Thread.sleep(100);
        }
        throw new IOException("process in " + namespace(role) + " did not become ready (" + ready + "): " + Files.readString(log));
    }

    /** {@code java} with this test run's classpath, native access on (the FFM don't-fragment socket). */
    public static List<String> java(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        try {
            script("down");
        } catch (IOException e) {
            System.err.println("lab teardown: " + e.getMessage());
        }
    }
}
