package io.callready.agent.enroll;

import com.sun.net.httpserver.HttpServer;
import io.callready.agent.cli.Cli;
import io.callready.agent.config.AgentConfig;
import io.callready.agent.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code callready agent enroll} against a real HTTP server on loopback that plays the collector's enroll endpoint. */
class EnrollCommandIT {
    private static final UUID AGENT = UUID.fromString("0b8f2f4c-3d7e-4c2a-9a51-6f0e8d1c2b3a");

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<String> requests = new ArrayList<>();
    private volatile int status = 201;
    private volatile String answer;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        answer = """
                {"id":"%s","siteId":"%s","customerId":"%s","name":"closet","token":"cra_secret","createdAt":"2026-01-01T00:00:00Z"}
                """.formatted(AGENT, UUID.randomUUID(), UUID.randomUUID());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/enroll", exchange -> {
            synchronized (requests) {
                requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 201 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void writesAPrivateTokenFileAndAConfigTheAgentCanRun() throws Exception {
        Path state = dir.resolve("state");
        Path config = dir.resolve("etc/agent.yaml");
        Run run = cli("enroll", "--collector", url(), "--code", "7KQ2-M9XD-4TRP", "--state-dir", state.toString(),
                "--config", config.toString(), "--name", "closet");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains(AGENT.toString());
        assertThat(requests).singleElement().asString().contains("\"code\":\"7KQ2-M9XD-4TRP\"").contains("\"name\":\"closet\"");

        Path token = state.resolve("agent.token");
        assertThat(Files.readString(token).strip()).isEqualTo("cra_secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");

        AgentConfig loaded = new ConfigLoader().load(config);
        assertThat(loaded.agent().id()).isEqualTo(AGENT.toString());
        assertThat(loaded.agent().stateDirPath()).isEqualTo(state);
        assertThat(loaded.collector().url()).isEqualTo(url());
        assertThat(loaded.collector().tokenFilePath()).isEqualTo(token);
        assertThat(loaded.plan().probes()).isEmpty();
    }

    /** What the package does: root enrolls, the service user (here "daemon") owns the state dir and runs the agent. */
    @Test
    void enrolledByRootForAServiceUserTheTokenIsThatUsersAndTheConfigItsGroups() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can give files to another user");
        Path state = Files.createDirectories(dir.resolve("state"));
        var lookup = state.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(state, lookup.lookupPrincipalByName("daemon"));
        Files.getFileAttributeView(state, PosixFileAttributeView.class).setGroup(lookup.lookupPrincipalByGroupName("daemon"));
        Path config = dir.resolve("etc/agent.yaml");
        Run run = cli("enroll", "--collector", url(), "--code", "x", "--state-dir", state.toString(), "--config", config.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("owned by daemon").contains("systemctl enable --now callready-agent");

        PosixFileAttributes token = Files.readAttributes(state.resolve("agent.token"), PosixFileAttributes.class);
        assertThat(token.owner().getName()).isEqualTo("daemon");
        assertThat(token.group().getName()).isEqualTo("daemon");
        assertThat(PosixFilePermissions.toString(token.permissions())).isEqualTo("rw-------");
        PosixFileAttributes written = Files.readAttributes(config, PosixFileAttributes.class);
        assertThat(written.owner().getName()).isEqualTo("root");
        assertThat(written.group().getName()).isEqualTo("daemon");
        assertThat(PosixFilePermissions.toString(written.permissions())).isEqualTo("rw-r-----");
    }

    @Test
    void updatingAnExistingConfigKeepsItsPlanAndDropsAnInlineToken() throws Exception {
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, """
                agent:
                  id: 5d0c8a4e-7f31-4a7e-9c55-1f8b6f0d2a11
                collector:
                  url: http://old.example.net
                  token: old-token
                  batch_size: 100
                plan:
                  probes:
                    - kind: rtp_burst
                      name: hq
                      reflector: 127.0.0.1:5004
                """);
        Run run = cli("enroll", "--collector", url(), "--code", "x", "--state-dir", dir.resolve("s").toString(), "--config", config.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        AgentConfig loaded = new ConfigLoader().load(config);
        assertThat(loaded.agent().id()).isEqualTo(AGENT.toString());
        assertThat(loaded.collector().token()).isNull();
        assertThat(loaded.collector().batchSize()).isEqualTo(100);
        assertThat(loaded.plan().probes()).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("hq"));
    }

    @Test
    void refusedCodeExits77WithTheCollectorsReasonAndWritesNothing() {
        status = 403;
        answer = "{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"code is unknown, expired or already used\"}";
        Path state = dir.resolve("state");
        Run run = cli("enroll", "--collector", url(), "--code", "x", "--state-dir", state.toString(), "--config", dir.resolve("a.yaml").toString());
        assertThat(run.exit()).isEqualTo(77);
        assertThat(run.err()).contains("expired or already used");
        assertThat(state.resolve("agent.token")).doesNotExist();
        assertThat(dir.resolve("a.yaml")).doesNotExist();
    }

    @Test
    void unreachableCollectorExits69AndBadUrlExits64() {
        server.stop(0);
        Run run = cli("enroll", "--collector", url(), "--code", "x", "--state-dir", dir.toString(), "--config", dir.resolve("a.yaml").toString());
        assertThat(run.exit()).isEqualTo(69);
        assertThat(run.err()).contains("cannot reach the collector");
        assertThat(cli("enroll", "--collector", "ftp://x", "--code", "x", "--config", dir.resolve("a.yaml").toString()).exit()).isEqualTo(64);
    }
}
