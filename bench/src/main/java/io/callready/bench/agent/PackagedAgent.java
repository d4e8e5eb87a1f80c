package io.callready.bench.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The agent as the package runs it: the jlinked runtime and jar that {@code agent-deb} staged, started with the JVM
 * flags of the package's launcher ({@code agent-deb/src/deb/callready-agent}, read from the file so the bench
 * measures exactly what ships). Paths under {@code /usr/lib/callready-agent} are mapped to the build's staging
 * directories. When {@code agent-deb} was not built, the build's JDK and the agent's shaded jar stand in.
 * {@code serviceFlags} are those the launcher adds for {@code run} only (its {@code cds="…"} line), paths
 * under {@code /var/lib/callready} left for the caller to map onto its state directory.
 */
record PackagedAgent(Path java, Path jar, List<String> jvmFlags, List<String> serviceFlags, Map<String, String> environment, boolean jlinked) {
    private static final String INSTALLED = "/usr/lib/callready-agent/";
    /** {@code export NAME="${NAME:-value}"}: a default the launcher sets for the JVM's process (glibc tunables). */
    private static final Pattern SERVICE_FLAGS = Pattern.compile("^cds=\"(-[^\"]*)\"$");
    private static final Pattern EXPORT = Pattern.compile("^export (\\w+)=\"\\$\\{\\w+:-([^}]*)}\"$");

    static PackagedAgent under(Path root) throws IOException {
        Path deb = root.resolve("agent-deb/target");
        Path runtime = deb.resolve("runtime");
        Path stage = deb.resolve("stage");
        Path launcher = root.resolve("agent-deb/src/deb/callready-agent");
        List<String> flags = launcherFlags(launcher, runtime, stage);
        Map<String, String> env = launcherEnvironment(launcher);
        List<String> service = serviceFlags(launcher);
        if (Files.isExecutable(runtime.resolve("bin/java")) && Files.isRegularFile(stage.resolve("callready-agent.jar"))) {
            return new PackagedAgent(runtime.resolve("bin/java"), stage.resolve("callready-agent.jar"), flags, service, env, true);
        }
        Path jdkJava = Path.of(System.getProperty("java.home"), "bin", "java");
        // an archive made for the jlinked runtime does not match the JDK's classes
        List<String> portable = flags.stream().filter(f -> !f.startsWith("-XX:SharedArchiveFile=") && !f.startsWith("-XX:AOTCache=")).toList();
        return new PackagedAgent(jdkJava, shadedJar(root.resolve("agent/target")), portable, service, env, false);
    }

    /** The {@code -X…} and {@code --…} options of the launcher's {@code exec} line, up to {@code -jar}. */
    static List<String> launcherFlags(Path launcher, Path runtime, Path stage) throws IOException {
        List<String> flags = new ArrayList<>();
        boolean inExec = false;
        for (String line : Files.readAllLines(launcher)) {
            String t = line.strip();
            if (t.startsWith("exec ")) {
                inExec = true;
                continue;
            }
            if (!inExec || t.startsWith("#")) {
                continue;
            }
            for (String word : t.split("\\s+")) {
                if (word.equals("-jar")) {
                    return flags;
                }
                if (word.startsWith("-")) {
                    flags.add(word.replace(INSTALLED + "runtime/", runtime + "/").replace(INSTALLED, stage + "/"));
                }
            }
        }
        throw new IOException(launcher + ": no 'exec … -jar' line to take the JVM flags from");
    }

    static List<String> serviceFlags(Path launcher) throws IOException {
        for (String line : Files.readAllLines(launcher)) {
            Matcher m = SERVICE_FLAGS.matcher(line.strip());
            if (m.matches()) {
                return List.of(m.group(1).split("\\s+"));
            }
        }
        return List.of();
    }

    static Map<String, String> launcherEnvironment(Path launcher) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(launcher)) {
            Matcher m = EXPORT.matcher(line.strip());
            if (m.matches()) {
                env.put(m.group(1), m.group(2));
            }
        }
        return env;
    }

    private static Path shadedJar(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("callready-agent-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IOException("no callready-agent-*-all.jar in " + dir + "; build first"));
        }
    }
}
