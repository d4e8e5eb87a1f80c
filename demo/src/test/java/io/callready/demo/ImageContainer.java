package io.callready.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs an unpacked image's entrypoint the way a container runtime would, without one: in its own mount namespace
 * (proc and a minimal /dev mounted into the root file system, nothing of the host's file system visible), chrooted
 * into the image, as the image's uid and gid with no supplementary groups, no capabilities and no new privileges,
 * in the image's working directory with only the image's environment plus what the caller passes (as Helm passes
 * env). With {@code ownNetwork} it also gets a new network namespace with only loopback, where unprivileged
 * processes may bind ports below 1024, as Docker and containerd set up a container's network namespace.
 */
final class ImageContainer implements AutoCloseable {
    private static final String SETUP = String.join("\n",
            "set -eu",
            "root=$1; workdir=$2; uid=$3; gid=$4; own_network=$5; shift 5",
            "if [ \"$own_network\" = 1 ]; then",
            "  /usr/sbin/ip link set lo up",
            "  /usr/sbin/sysctl -qw net.ipv4.ip_unprivileged_port_start=0",
            "fi",
            "/usr/bin/mount -t proc -o nosuid,nodev,noexec proc \"$root/proc\"",
            "/usr/bin/mount -t tmpfs -o nosuid,mode=0755 tmpfs \"$root/dev\"",
            "for d in null zero full random urandom; do",
            "  : > \"$root/dev/$d\"; /usr/bin/mount --bind \"/dev/$d\" \"$root/dev/$d\"",
            "done",
            "exec /usr/bin/setpriv --no-new-privs /usr/bin/unshare --root=\"$root\" --wd=\"$workdir\" --setgid=\"$gid\" --setuid=\"$uid\" -- \"$@\"");

    private final Process process;
    private final Path log;

    private ImageContainer(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the image's entrypoint followed by {@code args}; its output goes to {@code log}. */
    static ImageContainer start(ImageTarball image, List<String> args, Map<String, String> env, boolean ownNetwork, Path log)
            throws IOException {
        Files.createDirectories(image.rootfs.resolve("proc"));
        Files.createDirectories(image.rootfs.resolve("dev"));
        List<String> command = new ArrayList<>(List.of("/usr/bin/unshare", "--mount"));
        if (ownNetwork) {
            command.add("--net");
        }
        command.addAll(List.of("/bin/bash", "-c", SETUP, "container-setup", image.rootfs.toString(), image.workingDir(),
                Integer.toString(image.uid()), Integer.toString(image.gid()), ownNetwork ? "1" : "0"));
        command.addAll(image.entrypoint());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(image.env());
        builder.environment().putAll(env);
        return new ImageContainer(builder.start(), log);
    }

    /** The pid of the entrypoint's process (every setup step execs the next, so it is the started process). */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Waits until the output matches {@code pattern}; fails with the output if the process ends or time runs out. */
    void awaitOutput(Pattern pattern, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pattern.matcher(output()).find()) {
            if (!process.isAlive()) {
                throw new AssertionError("the container exited with " + process.exitValue() + " before printing "
                        + pattern + ":\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + pattern + " within " + timeout.toSeconds() + " s:\n" + output());
            }
            Thread.sleep(200);
        }
    }

    /** The process's credentials as the kernel reports them (/proc/PID/status: Uid, Gid, Groups, CapEff, NoNewPrivs). */
    String status() throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(pid()), "status"), StandardCharsets.UTF_8);
    }

    /** Stops the process (SIGTERM, then SIGKILL after 20 s); its namespaces and mounts go with it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
