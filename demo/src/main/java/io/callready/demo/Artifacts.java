package io.callready.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The built programs the demo starts, found under the repository root, and the collector's JVM flags. */
record Artifacts(Path java, List<String> collectorJvmOptions, Path collectorJar, Path reflectorJar, Path agentJar) {

    static Artifacts under(Path root) throws IOException {
        Path java = ProcessHandle.current().info().command().map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
        List<String> jvmOptions = Files.readAllLines(require(root.resolve("collector/src/main/jvm/jvm.options"))).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        return new Artifacts(java, jvmOptions,
                require(root.resolve("collector/target/quarkus-app/quarkus-run.jar")),
                shaded(root.resolve("reflector/target"), "callready-reflector-"),
                shaded(root.resolve("agent/target"), "callready-agent-"));
    }

    private static Path shaded(Path dir, String prefix) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                var found = files.filter(p -> p.getFileName().toString().startsWith(prefix)
                        && p.getFileName().toString().endsWith("-all.jar")).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new IOException("no " + prefix + "*-all.jar in " + dir + "; build first (./callready builds what is missing)");
    }

    private static Path require(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            throw new IOException(p + " is missing; build first (./callready builds what is missing)");
        }
        return p;
    }
}
