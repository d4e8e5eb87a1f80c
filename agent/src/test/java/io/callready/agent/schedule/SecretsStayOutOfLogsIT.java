package io.callready.agent.schedule;

import io.callready.agent.config.AgentConfig;
import io.callready.agent.config.ConfigLoader;
import io.callready.agent.outbox.FakeCollector;
import io.callready.agent.probe.ProbeRegistry;
import io.callready.agent.probe.traffic.SnmpdPeer;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent in service mode with SNMP credentials, one right (v3) and one wrong (v2c): neither secret appears in the
 * run lines, in any log record (FINE included), or in the results it ships.
 */
class SecretsStayOutOfLogsIT {
    private static final String AUTH = "crtr-log-auth-passphrase";
    private static final String PRIV = "crtr-log-priv-passphrase";
    private static final String WRONG_COMMUNITY = "crtr-log-wrong-community";

    @TempDir
    Path stateDir;

    @Test
    void noSecretInRunLinesLogsOrResults() throws Exception {
        ConcurrentLinkedQueue<String> logged = new ConcurrentLinkedQueue<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r.getLoggerName() + " " + r.getMessage() + " " + r.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level level = root.getLevel();
        root.addHandler(capture);
        root.setLevel(Level.FINE);
        try (SnmpdPeer snmpd = SnmpdPeer.start(List.of(new SnmpdPeer.User("crtrlog", "SHA-256", AUTH, "AES", PRIV)));
             FakeCollector collector = new FakeCollector()) {
            String yaml = """
                    agent:
                      id: 5d0c8a4e-7f31-4a7e-9c55-1f8b6f0d2a11
                      state_dir: %s
                    collector:
                      url: %s
                      token: t0ken
                      ship_interval: 1s
                    plan:
                      probes:
                        - kind: wan_traffic
                          name: wan-v3
                          source: snmp
                          host: 127.0.0.1
                          port: %d
                          version: v3
                          credentials: router-v3
                          ifName: lo
                          interval: 1s
                        - kind: wan_traffic
                          name: wan-wrong
                          source: snmp
                          host: 127.0.0.1
                          port: %d
                          credentials: wrong
                          ifName: lo
                          interval: 1s
                    snmp_credentials:
                      router-v3:
                        user: crtrlog
                        auth_passphrase: %s
                        priv_passphrase: %s
                      wrong:
                        community: %s
                    """.formatted(stateDir, collector.resultsUri().resolve("/"), snmpd.port, snmpd.port, AUTH, PRIV, WRONG_COMMUNITY);
            AgentConfig config = new ConfigLoader().parse(yaml, "test.yaml");
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(lines, true, StandardCharsets.UTF_8);
            AgentService service = AgentService.start(config, () -> "t0ken", ProbeRegistry.standard(config.snmpCredentials()), out, "test");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (shipped(collector).stream().map(ProbeResult::target).distinct().count() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            service.close();

            List<ProbeResult> results = shipped(collector);
            assertThat(results).extracting(ProbeResult::status).extracting(Enum::name).contains("OK", "FAILED");
            String everything = lines.toString(StandardCharsets.UTF_8) + String.join("\n", logged) + results + config;
            assertThat(everything).contains("no SNMP answer").doesNotContain(AUTH).doesNotContain(PRIV).doesNotContain(WRONG_COMMUNITY);
        } finally {
            root.removeHandler(capture);
            root.setLevel(level);
        }
    }

    private static List<ProbeResult> shipped(FakeCollector collector) {
        return collector.received().stream().flatMap(r -> r.batch().results().stream()).filter(r -> r.kind() == ProbeKind.WAN_TRAFFIC)
                .toList();
    }
}
