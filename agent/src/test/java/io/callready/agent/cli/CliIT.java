package io.callready.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.reflector.Reflector;
import io.callready.reflector.ReflectorSettings;
import io.callready.reflector.stamp.StampReflector;
import io.callready.reflector.stamp.StampReflectorSettings;
import io.callready.wire.plan.StampReflectorMode;
import io.callready.wire.Json;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

import static org.assertj.core.api.Assertions.assertThat;

class CliIT {
    private static Reflector reflector;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void startReflector() throws Exception {
        reflector = Reflector.start(ReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0)));
    }

    @AfterAll
    static void stopReflector() {
        reflector.close();
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private static String reflectorAddress() {
        return "127.0.0.1:" + reflector.localAddress().getPort();
    }

    @Test
    void versionAndHelp() {
        Run version = cli("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("callready-agent 0.1.0-SNAPSHOT");

        Run help = cli("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("run", "check", "config");
    }

    @Test
    void configCheckSaysOkWithTheProbeCount() {
        Run r = cli("config", "check", "config/agent.example.yaml");
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).isEqualTo("OK: 4 probes, 2 snmp credentials (edge-router, edge-router-v3)");
    }

    @Test
    void configCheckReportsTheProblemAndExitsOne() {
        Run r = cli("config", "check", "src/test/resources/config/invalid/ptime-25.yaml");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo(
                "src/test/resources/config/invalid/ptime-25.yaml:15:7: plan.probes[0].ptime_ms: must be 10, 20, 30 or 40, got 25");
    }

    @Test
    void runWithABadConfigExits64WithoutAStackTrace() {
        Run r = cli("run", "--config", "src/test/resources/config/invalid/unknown-top-level-key.yaml");
        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.err()).contains("colector: unknown key").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void badArgumentsExit64() {
        assertThat(cli("check").exit()).isEqualTo(64);
        assertThat(cli("check", "--reflector", reflectorAddress(), "--ptime", "25").err()).contains("error: --ptime must be 10, 20, 30 or 40, got 25");
        assertThat(cli("check", "--reflector", reflectorAddress(), "--codec", "g711").exit()).isEqualTo(64);
        assertThat(cli("check", "--reflector", reflectorAddress(), "--burst", "10 sec").exit()).isEqualTo(64);
        assertThat(cli("nonsense").exit()).isEqualTo(64);
    }

    @Test
    void errorsNeverShowJavaClassNames() {
        Run codec = cli("check", "--reflector", reflectorAddress(), "--codec", "g711");
        assertThat(codec.exit()).isEqualTo(64);
        assertThat(codec.err()).startsWith("error: ").doesNotContainPattern("java\\.|Exception|[a-z]+\\.[a-z]+\\.[A-Z]");
        assertThat(UserMessages.withoutClassNames("cannot convert 'x' to Codec (java.lang.IllegalArgumentException: unknown codec 'x')"))
                .isEqualTo("cannot convert 'x' to Codec (unknown codec 'x')");
    }

    @Test
    void aReflectorWithoutAPortUsesTheDefaultRtpPort() {
        Run r = cli("check", "--reflector", "127.0.0.1", "--burst", "1s");
        assertThat(r.exit()).as(r.err()).isNotEqualTo(64);
        assertThat(r.out() + r.err()).contains("127.0.0.1:5004");
    }

    @Test
    void checkPrintsJsonResultAndProgress() throws Exception {
        Run r = cli("check", "--reflector", reflectorAddress(), "--burst", "1s", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        ProbeResult result = Json.newMapper().readValue(r.out(), ProbeResult.class);
        assertThat(result.status()).isEqualTo(ResultStatus.OK);
        assertThat(result.metrics()).containsEntry("packets_sent_count", 50.0);
        JsonNode tree = Json.newMapper().readTree(r.out());
        assertThat(tree.has("agentId")).isTrue();
        assertThat(r.err()).contains("sending 50 packets to " + reflectorAddress());
    }

    @Test
    void checkPrintsATable() {
        Run r = cli("check", "--reflector", reflectorAddress(), "--burst", "1s", "--codec", "g722", "--ptime", "30");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("status         OK").contains("(provisional").contains("g722, 30 ms, DSCP 46").contains("loss");
    }

    @Test
    void aPathThatReMarksDscpIsAWarningWithTheWarningExitCode() throws Exception {
        try (BleachingUdpRelay relay = new BleachingUdpRelay(reflector.localAddress())) {
            Run r = cli("check", "--reflector", "127.0.0.1:" + relay.address().getPort(), "--burst", "1s", "--json");
            assertThat(r.exit()).as("degraded exits like ok (see --help)").isZero();
            ProbeResult result = Json.newMapper().readValue(r.out(), ProbeResult.class);
            assertThat(result.status()).isEqualTo(ResultStatus.DEGRADED);
            assertThat(result.reason()).contains("DSCP 46 was re-marked to 0 on the way up");
        }
    }

    @Test
    void checkAgainstASilentPortExits2() throws Exception {
        try (DatagramChannel silent = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            int port = ((InetSocketAddress) silent.getLocalAddress()).getPort();
            Run r = cli("check", "--reflector", "127.0.0.1:" + port, "--burst", "1s");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).contains("FAILED").contains("no reply from reflector 127.0.0.1:" + port);
        }
    }

    @Test
    void checkAgainstAStampReflectorPrintsPerDirectionMetricsAndMos() throws Exception {
        try (StampReflector stamp = StampReflector.start(StampReflectorSettings.defaults(new InetSocketAddress("127.0.0.1", 0),
                StampReflectorMode.STATEFUL))) {
            Run r = cli("check", "--stamp", "127.0.0.1:" + stamp.localAddress().getPort(), "--stamp-mode", "stateful",
                    "--codec", "pcma", "--burst", "1s", "--jitter-buffer", "fixed:40", "--json");
            assertThat(r.exit()).as(r.err()).isZero();
            ProbeResult result = Json.newMapper().readValue(r.out(), ProbeResult.class);
            assertThat(result.kind().wireName()).isEqualTo("stamp");
            assertThat(result.metrics()).containsEntry("packets_received_count", 50.0)
                    .containsKeys("loss_up_ratio", "loss_down_ratio", "jitter_up_ms", "jitter_down_ms", "r_factor", "mos", "mos_if_g729");
            assertThat(result.labels()).containsEntry("codec", "pcma").containsEntry("jitter_buffer", "fixed:40");
        }
    }

    @Test
    void checkReflectorJsonHasWhatIfMosForEveryCodec() throws Exception {
        Run r = cli("check", "--reflector", reflectorAddress(), "--burst", "1s", "--codec", "g729", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        ProbeResult result = Json.newMapper().readValue(r.out(), ProbeResult.class);
        assertThat(result.metrics()).containsKeys("mos_if_pcmu", "mos_if_pcma", "mos_if_g722", "mos_if_g729", "mos_if_opus",
                "loss_up_ratio", "loss_down_ratio", "r_factor");
        assertThat(result.labels()).containsEntry("mos_if_provisional", "g722,opus");
    }

    @Test
    void targetsAreExclusiveAndOneIsRequired() {
        assertThat(cli("check", "--burst", "1s").exit()).isEqualTo(64);
        assertThat(cli("check", "--reflector", reflectorAddress(), "--stamp", reflectorAddress()).exit()).isEqualTo(64);
        Run bad = cli("check", "--reflector", reflectorAddress(), "--jitter-buffer", "elastic:5");
        assertThat(bad.exit()).isEqualTo(64);
        assertThat(bad.err()).contains("unknown jitter buffer mode 'elastic'");
    }
}
