package io.callready.bench.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bench measures the flags the package ships: they are read from the launcher itself. */
class PackagedAgentTest {
    private static final Path LAUNCHER = Path.of("../agent-deb/src/deb/callready-agent");

    @Test
    void readsTheShippedLaunchersFlagsMappedOntoTheBuild() throws IOException {
        List<String> flags = PackagedAgent.launcherFlags(LAUNCHER, Path.of("/b/runtime"), Path.of("/b/stage"));
        assertThat(flags).contains("-Xmx48m", "-Xmn2m", "-XX:MaxHeapFreeRatio=20", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED")
                .allMatch(f -> f.startsWith("-"))
                .noneMatch(f -> f.contains("/usr/lib/callready-agent"))
                .doesNotContain("-jar");
        assertThat(PackagedAgent.serviceFlags(LAUNCHER)).contains("-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=/var/lib/callready/agent.jsa");
        assertThat(PackagedAgent.launcherEnvironment(LAUNCHER)).containsEntry("MALLOC_ARENA_MAX", "2");
    }

    @Test
    void mapsInstalledPathsAndStopsAtTheJar(@TempDir Path dir) throws IOException {
        Path launcher = Files.writeString(dir.resolve("launcher"), """
                #!/bin/sh
                export FOO="${FOO:-bar}"
                exec /usr/lib/callready-agent/runtime/bin/java \\
                  -Xmx8m -XX:SharedArchiveFile=/usr/lib/callready-agent/runtime/lib/a.jsa \\
                  # a comment -Xignored
                  -XX:Foo=/usr/lib/callready-agent/x.lst ${OPTS:-} \\
                  -jar /usr/lib/callready-agent/callready-agent.jar -Xnot-a-jvm-flag "$@"
                """);
        assertThat(PackagedAgent.launcherFlags(launcher, Path.of("/b/runtime"), Path.of("/b/stage")))
                .containsExactly("-Xmx8m", "-XX:SharedArchiveFile=/b/runtime/lib/a.jsa", "-XX:Foo=/b/stage/x.lst");
        assertThat(PackagedAgent.launcherEnvironment(launcher)).containsExactly(java.util.Map.entry("FOO", "bar"));
        assertThat(PackagedAgent.serviceFlags(launcher)).isEmpty();
    }

    @Test
    void aLauncherWithoutExecIsAnError(@TempDir Path dir) throws IOException {
        Path launcher = Files.writeString(dir.resolve("launcher"), "#!/bin/sh\necho hi\n");
        assertThatThrownBy(() -> PackagedAgent.launcherFlags(launcher, dir, dir)).hasMessageContaining("no 'exec");
    }
}
