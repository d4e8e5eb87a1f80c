package io.callready.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Helm chart lints clean and renders what the agents need to reach: collector HTTP, RTP, STAMP, SIP. */
class HelmChartTest {
    private static final Path CHART = Path.of(System.getProperty("callready.root", "..")).resolve("helm/callready");

    @Test
    void lintsCleanInStrictMode() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void defaultsRenderCollectorReflectorAndTimescale() {
        String yaml = new Helm(CHART).template().withName("cr").call();
        assertThat(yaml)
                .contains("name: cr-collector", "name: cr-reflector", "name: cr-timescaledb")
                .contains("jdbc:postgresql://cr-timescaledb:5432/callready")
                .contains("--port=5004", "--stamp-port=862", "protocol: UDP")
                .contains("name: JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=50", "-XX:MaxDirectMemorySize=64m", "memory: 640Mi")
                .doesNotContain("--sip");
    }

    @Test
    void sipResponderPortsAppearWhenEnabled() {
        String yaml = new Helm(CHART).template().withName("cr").set("reflector.sip.enabled", "true").call();
        assertThat(yaml).contains("--sip", "--sip-udp-ports=5060,5080,5160", "--sip-tcp-ports=5060,5080,5160",
                "name: sip-udp-5160", "name: sip-tcp-5060", "name: sip-tcp-5080", "name: sip-tcp-5160");
    }

    @Test
    void externalDatabaseIsRequiredWithoutTimescale() {
        assertThatThrownBy(() -> new Helm(CHART).template().withName("cr").set("timescaledb.enabled", "false").call())
                .hasMessageContaining("externalDatabase");
    }
}
