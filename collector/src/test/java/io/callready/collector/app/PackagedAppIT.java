package io.callready.collector.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code java -jar quarkus-run.jar} with no database URL: it must run on its own embedded PostgreSQL, survive a
 * SIGKILL (the orphaned PostgreSQL is stopped on the next start) and stop PostgreSQL on SIGTERM.
 */
class PackagedAppIT {
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;
    private Process running;

    @AfterEach
    void stop() throws InterruptedException {
        if (running != null && running.isAlive()) {
            running.destroy();
            running.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void runsOnEmbeddedPostgresAndSurvivesSigkill() throws Exception {
        assumeTrue(Files.exists(JAR), "run mvn package first");

        App first = start();
        assertThat(first.log()).anyMatch(line -> line.matches(
                ".*INFO .*Embedded PostgreSQL 16 at jdbc:postgresql://127\\.0\\.0\\.1:\\d+/callready, data in "
                        + Pattern.quote(dataDir.toAbsolutePath().resolve("postgres").toString())
                        + ", durable \\{fsync=on, synchronous_commit=on, full_page_writes=on\\}"));
        assertThat(first.log()).anyMatch(line -> line.contains("Admin API token: generated into " + dataDir.toAbsolutePath().resolve("admin-token")));
        assertThat(first.get("/q/health").body()).contains("\"status\": \"UP\"");
        String admin = Files.readString(dataDir.resolve("admin-token")).strip();
        assertThat(first.post("/api/v1/customers", admin, "{\"name\":\"Survives restarts\"}").statusCode()).isEqualTo(201);

        running.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        App second = start();
        assertThat(second.log()).anyMatch(line -> line.contains("Stopping PostgreSQL left running"));
        assertThat(second.log()).anyMatch(line -> line.contains("Admin API token: in "));
        HttpResponse<String> customers = second.get("/api/v1/customers", admin);
        assertThat(customers.statusCode()).isEqualTo(200);
        assertThat(customers.body()).contains("Survives restarts");

        // Through the handle: Process.destroy() would also close the pipe and lose the shutdown log.
        running.toHandle().destroy();
        assertThat(running.waitFor(60, TimeUnit.SECONDS)).isTrue();
        second.drain();
        assertThat(second.log()).as("exit %d, output:%n%s", running.exitValue(), String.join("\n", second.log()))
                .anyMatch(line -> line.contains("Embedded PostgreSQL stopped"));
        assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
    }

    private App start() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Dquarkus.http.port=0",
                "-Dcallready.data-dir=" + dataDir.toAbsolutePath(), "-jar", JAR.toAbsolutePath().toString())
                .redirectErrorStream(true);
        builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
        builder.environment().remove("CALLREADY_ADMIN_TOKEN");
        running = builder.start();
        App app = new App(running);
        app.awaitListening();
        return app;
    }

    /** One run of the packaged collector and everything it printed. */
    private static final class App {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread reader;
        private final HttpClient http = HttpClient.newHttpClient();
        private volatile int port;

        App(Process process) {
            reader = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        lines.add(line);
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            port = Integer.parseInt(m.group(1));
                        }
                    }
                } catch (IOException e) {
                    lines.add("(output closed: " + e.getMessage() + ")");
                }
            });
        }

        void awaitListening() throws InterruptedException {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (port == 0 && reader.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(port).as("collector did not start; output:%n%s", String.join("\n", lines)).isPositive();
        }

        void drain() throws InterruptedException {
            reader.join(Duration.ofSeconds(10));
        }

        List<String> log() {
            return lines;
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }
}
