package io.callready.agent.config;

import io.callready.wire.plan.JitterBufferSpec;
import io.callready.wire.plan.LineRate;
import io.callready.wire.plan.SnmpVersion;
import io.callready.wire.plan.TrafficSource;
import io.callready.wire.plan.WanTrafficSpec;
import io.callready.wire.plan.RtpBurstSpec;
import io.callready.wire.plan.StampReflectorMode;
import io.callready.wire.plan.StampSpec;
import io.callready.wire.plan.UdpEchoSpec;
import io.callready.wire.rtp.Codec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    private static final Path INVALID = Path.of("src/test/resources/config/invalid");
    private static final Path EXAMPLE = Path.of("config/agent.example.yaml");

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void exampleConfigParsesWithEveryKey() throws Exception {
        AgentConfig config = loader.load(EXAMPLE);
        assertThat(config.agent().id()).isEqualTo("5d0c8a4e-7f31-4a7e-9c55-1f8b6f0d2a11");
        assertThat(config.agent().stateDir()).isEqualTo("/var/lib/callready-agent");
        assertThat(config.collector().resultsUri()).isEqualTo(URI.create("https://collector.example.net/api/v1/results"));
        assertThat(config.collector().tokenFile()).isEqualTo("/etc/callready/agent.token");
        assertThat(config.collector().token()).isNull();
        assertThat(config.collector().batchSize()).isEqualTo(500);
        assertThat(config.collector().shipInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.plan().probes()).containsExactly(
                new RtpBurstSpec("hq-reflector", Duration.ofMinutes(5), "reflector.example.net:5004", Codec.PCMU, 20,
                        Duration.ofSeconds(10), 46, JitterBufferSpec.adaptive(200), 0),
                new StampSpec("edge-router", Duration.ofMinutes(5), "192.0.2.1:862", StampReflectorMode.STATELESS, Codec.PCMU, 20,
                        Duration.ofSeconds(10), 46, JitterBufferSpec.fixed(60), null),
                new UdpEchoSpec("echo-fallback", Duration.ofMinutes(5), "192.0.2.1:7", 20, Duration.ofSeconds(5), 46),
                new WanTrafficSpec("wan", Duration.ofSeconds(60), TrafficSource.SNMP, "192.0.2.1", 161, SnmpVersion.V3, "edge-router-v3",
                        "pppoe-wan", null, null, null, null, new LineRate(20_000_000L, 100_000_000L)));
        assertThat(config.snmpCredentials()).containsOnlyKeys("edge-router", "edge-router-v3");
        SnmpCredentials v3 = config.snmpCredentials().get("edge-router-v3");
        assertThat(v3.authProtocol()).isEqualTo(SnmpCredentials.AuthProtocol.SHA256);
        assertThat(v3.privProtocol()).isEqualTo(SnmpCredentials.PrivProtocol.AES128);
        assertThat(config.snmpCredentials().get("edge-router").community()).isEqualTo("change-me-community");
    }

    @Test
    void credentialsNeverShowTheirSecretsWhenPrinted() throws Exception {
        AgentConfig config = loader.load(EXAMPLE);
        assertThat(config.toString()).contains("edge-router-v3", "user=callready", "sha256/aes128")
                .doesNotContain("change-me-community", "change-me-auth", "change-me-priv");
    }

    /** Every snmp corpus file holds its secrets as hunter2… or 987654321; no error message may quote them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void noConfigErrorQuotesASecret(String name) throws IOException {
        String yaml = Files.readString(INVALID.resolve(name + ".yaml"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> loader.parse(yaml, name + ".yaml")).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2", "987654321"));
    }

    @Test
    void exampleConfigMentionsEveryKeyInAComment() throws IOException {
        String text = Files.readString(EXAMPLE);
        for (String key : List.of("id:", "state_dir:", "url:", "token_file:", "token:", "batch_size:", "ship_interval:",
                "kind:", "name:", "reflector:", "codec:", "ptime_ms:", "burst:", "interval:", "dscp:", "jitter_buffer:", "mode:",
                "ms:", "source_port:", "reflector_mode:", "target:", "kind: stamp", "kind: udp_echo", "kind: wan_traffic", "source:", "host:", "port:",
                "version:", "credentials:", "ifName", "ifDescr", "ifAlias", "ifIndex", "interface:", "lineRate:", "upBps:", "downBps:",
                "snmp_credentials:", "community:", "user:", "auth_protocol:", "auth_passphrase:", "priv_protocol:", "priv_passphrase:")) {
            assertThat(text).contains(key);
        }
    }

    @Test
    void defaultsFillEverythingOptional() throws Exception {
        AgentConfig config = loader.load(Path.of("src/test/resources/config/valid-minimal.yaml"));
        assertThat(config.agent().stateDir()).isEqualTo(AgentSection.DEFAULT_STATE_DIR);
        assertThat(config.collector().batchSize()).isEqualTo(CollectorSection.DEFAULT_BATCH_SIZE);
        assertThat(config.collector().shipInterval()).isEqualTo(CollectorSection.DEFAULT_SHIP_INTERVAL);
        assertThat(config.collector().resultsUri()).isEqualTo(URI.create("http://127.0.0.1:8080/api/v1/results"));
        RtpBurstSpec probe = (RtpBurstSpec) config.plan().probes().getFirst();
        assertThat(probe).isEqualTo(new RtpBurstSpec(null, null, "127.0.0.1:5004", null, null, null, null));
        assertThat(probe.name()).isEqualTo("rtp-127.0.0.1:5004");
    }

    @Test
    void missingFileIsOneSentence() {
        assertThatThrownBy(() -> loader.load(Path.of("/nonexistent/agent.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cannot read config file /nonexistent/agent.yaml: no such file or directory");
    }

    static Stream<String> invalidCases() throws IOException {
        try (Stream<Path> files = Files.list(INVALID)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length()))
                    .sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCases")
    void invalidConfigIsRejectedWithKeyAndLine(String name) throws IOException {
        Path yaml = INVALID.resolve(name + ".yaml");
        Path expectedFile = INVALID.resolve(name + ".expected");
        String message = null;
        try {
            loader.parse(Files.readString(yaml, StandardCharsets.UTF_8), name + ".yaml");
        } catch (ConfigException e) {
            message = e.getMessage();
        }
        assertThat(message).as("%s must be rejected", name).isNotNull();
        assertThat(expectedFile).as("write %s with a substring of: %s", expectedFile, message).exists();
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8).strip();
        assertThat(message).contains(expected);
        assertThat(message).startsWith(name + ".yaml:").doesNotContain("\n").doesNotContain("Exception")
                .doesNotContain("com.fasterxml").doesNotContain("io.callready");
    }
}
