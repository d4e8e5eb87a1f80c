package io.callready.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.callready.deploy.RenderedChart.container;
import static io.callready.deploy.RenderedChart.env;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector's memory bounds (issue 15: RSS ≤ 512 MB under ingest load, ≤ 250 MB idle) exist in all three places
 * that start it: collector/src/main/jvm/jvm.options (the launcher, demo and benchmarks), the Helm chart's
 * collector.jvmOptions and pod env (the container-aware form, sized to the chart's memory limit), and the launcher's
 * malloc arena bound. This JDK accepts every flag.
 */
class CollectorJvmOptionsTest {
    private static final Path ROOT = Path.of(System.getProperty("callready.root", ".."));
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg])");
    private static final Pattern LAUNCHER_ARENAS = Pattern.compile("MALLOC_ARENA_MAX=\"\\$\\{MALLOC_ARENA_MAX:-(\\d+)}\"");
    /** Flags the chart must carry as the host does; heap sizes differ only in form (share of the limit). */
    private static final List<String> NON_HEAP_BOUNDS = List.of("-XX:MaxDirectMemorySize=", "-XX:ReservedCodeCacheSize=",
            "-XX:MaxMetaspaceSize=", "-XX:TrimNativeHeapInterval=");

    @Test
    void hostFlagsBoundHeapDirectMemoryCodeCacheMetaspaceAndNativeHeap() throws IOException {
        List<String> flags = hostFlags();
        assertThat(flags).as("one flag a line").allSatisfy(f -> assertThat(f).startsWith("-").doesNotContainAnyWhitespaces());
        Map<String, String> byName = byName(flags);
        assertThat(byName).containsKeys("-Xms", "-Xmx", "-XX:+UseSerialGC");
        for (String bound : NON_HEAP_BOUNDS) {
            assertThat(byName).as(bound).containsKey(bound);
        }
        assertThat(bytes(byName.get("-Xmx"))).as("heap ceiling").isBetween(mb(128), mb(320));
        assertThat(bytes(byName.get("-Xms"))).as("initial heap").isLessThanOrEqualTo(bytes(byName.get("-Xmx")));
        assertThat(bytes(byName.get("-XX:MaxDirectMemorySize="))).as("Netty's direct buffers").isBetween(mb(16), mb(64));
        assertThat(bytes(byName.get("-XX:ReservedCodeCacheSize="))).isBetween(mb(32), mb(64));
        assertThat(bytes(byName.get("-XX:MaxMetaspaceSize="))).isBetween(mb(96), mb(160));
        assertThat(Long.parseLong(byName.get("-XX:TrimNativeHeapInterval="))).as("ms between native heap trims").isBetween(1_000L, 60_000L);
        assertThat(bytes(byName.get("-Xmx")) + bytes(byName.get("-XX:MaxDirectMemorySize=")))
                .as("heap and direct memory leave room for the rest of the process under 512 MB").isLessThanOrEqualTo(mb(384));
    }

    @Test
    void chartCarriesTheSameBoundsAsSharesOfItsMemoryLimit() throws IOException {
        Map<String, String> host = byName(hostFlags());
        RenderedChart chart = RenderedChart.render();
        JsonNode collector = container(chart.get("Deployment", "cr-collector"), "collector");
        Map<String, String> env = env(collector);
        Map<String, String> pod = byName(Arrays.asList(env.get("JAVA_TOOL_OPTIONS").split(" ")));
        long limit = bytes(collector.path("resources").path("limits").path("memory").asText());

        assertThat(pod).doesNotContainKeys("-Xms", "-Xmx").containsKey("-XX:+UseSerialGC");
        assertThat(Math.round(limit * Double.parseDouble(pod.get("-XX:MaxRAMPercentage=")) / 100))
                .as("heap ceiling of the pod = the host's -Xmx").isEqualTo(bytes(host.get("-Xmx")));
        assertThat(Math.round(limit * Double.parseDouble(pod.get("-XX:InitialRAMPercentage=")) / 100))
                .as("initial heap of the pod = the host's -Xms").isEqualTo(bytes(host.get("-Xms")));
        for (String bound : NON_HEAP_BOUNDS) {
            assertThat(pod.get(bound)).as(bound).isEqualTo(host.get(bound));
        }
        assertThat(limit).as("the limit leaves headroom above the 512 MB the collector stays within").isGreaterThan(mb(512));
        assertThat(env).as("malloc arenas, as the launcher bounds them").containsEntry("MALLOC_ARENA_MAX", launcherArenas());
    }

    @Test
    void thisJdkAcceptsEveryFlagOnTheHostAndInThePod() throws Exception {
        String javaHome = System.getProperty("java.home");
        List<String> host = new ArrayList<>(List.of(Path.of(javaHome, "bin", "java").toString()));
        host.addAll(hostFlags());
        host.add("-version");
        assertAccepted(new ProcessBuilder(host));
        String pod = env(container(RenderedChart.render().get("Deployment", "cr-collector"), "collector")).get("JAVA_TOOL_OPTIONS");
        ProcessBuilder withPodFlags = new ProcessBuilder(Path.of(javaHome, "bin", "java").toString(), "-version");
        withPodFlags.environment().put("JAVA_TOOL_OPTIONS", pod);
        assertAccepted(withPodFlags);
    }

    private static void assertAccepted(ProcessBuilder pb) throws Exception {
        Process p = pb.redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).as("no unknown, obsolete or ignored flag").doesNotContainIgnoringCase("warning")
                .doesNotContain("Unrecognized").doesNotContain("Improperly specified");
    }

    private static List<String> hostFlags() throws IOException {
        return Files.readAllLines(ROOT.resolve("collector/src/main/jvm/jvm.options")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String launcherArenas() throws IOException {
        Matcher m = LAUNCHER_ARENAS.matcher(Files.readString(ROOT.resolve("callready")));
        assertThat(m.find()).as("./callready exports MALLOC_ARENA_MAX").isTrue();
        return m.group(1);
    }

    /** "-Xmx320m" under "-Xmx", "-XX:Foo=1" under "-XX:Foo=", a switch under itself. */
    private static Map<String, String> byName(List<String> flags) {
        Map<String, String> named = new LinkedHashMap<>();
        for (String f : flags) {
            if (f.startsWith("-Xms") || f.startsWith("-Xmx")) {
                named.put(f.substring(0, 4), f.substring(4));
            } else if (f.contains("=")) {
                named.put(f.substring(0, f.indexOf('=') + 1), f.substring(f.indexOf('=') + 1));
            } else {
                named.put(f, "");
            }
        }
        return named;
    }

    /** "64m", "640Mi" (Kubernetes' binary suffix) in bytes. */
    private static long bytes(String size) {
        Matcher m = SIZE.matcher(size.toLowerCase().replace("i", ""));
        assertThat(m.matches()).as("a size: " + size).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            default -> n << 30;
        };
    }

    private static long mb(long n) {
        return n << 20;
    }
}
