package io.callready.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The installed {@code callready-agent.service}, read from its file, and the agent started the way that unit starts
 * it: as the unit's user and group with its environment, working directory and umask, no new privileges and no
 * capabilities (setpriv), so the test runs what a site box runs without needing systemd as PID 1 (CI has none).
 */
final class InstalledUnit {
    static final String NAME = "callready-agent.service";
    /** systemd's PATH for system services. */
    private static final String SYSTEMD_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final Map<String, List<String>> service;

    private InstalledUnit(Map<String, List<String>> service) {
        this.service = service;
    }

    /** The [Service] section's settings, each key with its values in order. */
    static InstalledUnit read(Path unitFile) throws IOException {
        Map<String, List<String>> service = new LinkedHashMap<>();
        String section = "";
        for (String raw : Files.readAllLines(unitFile, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line;
            } else if (section.equals("[Service]")) {
                int eq = line.indexOf('=');
                service.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
            }
        }
        return new InstalledUnit(service);
    }

    String one(String key) {
        List<String> values = service.getOrDefault(key, List.of());
        if (values.size() != 1) {
            throw new IllegalStateException(NAME + " has " + values.size() + " " + key + "= lines, expected one");
        }
        return values.getFirst();
    }

    List<String> all(String key) {
        return service.getOrDefault(key, List.of());
    }

    /** Starts the agent as the unit's ExecStart would; setpriv, env and sh exec into it, so the process is the agent. */
    ManagedProcess start(Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + one("User"), "--regid=" + one("Group"),
                "--init-groups", "--no-new-privs", "--bounding-set=-all", "--inh-caps=-all",
                "env", "-i", SYSTEMD_PATH));
        for (String environment : all("Environment")) {
            command.addAll(Arrays.asList(environment.split(" ")));
        }
        // ExecStart holds no quoted arguments, so splitting at spaces is exact
        command.addAll(List.of("sh", "-c", "umask " + one("UMask") + " && exec \"$@\"", "sh"));
        command.addAll(Arrays.asList(one("ExecStart").split(" ")));
        return ManagedProcess.startAppending("agent", command, log, Path.of(one("WorkingDirectory")));
    }
}
