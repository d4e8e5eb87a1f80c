package io.callready.agent.config;

import io.callready.wire.plan.DscpMatrixSpec;
import io.callready.wire.plan.RtpPortsSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The DSCP and RTP port probes are schedulable in run mode like any other kind (bad ones: the invalid corpus). */
class PathProbeConfigTest {
    @Test
    void dscpMatrixAndRtpPortsProbesLoadFromTheRunConfig() throws Exception {
        AgentConfig config = new ConfigLoader().load(Path.of("src/test/resources/config/valid-path-probes.yaml"));
        assertThat(config.plan().probes()).containsExactly(
                new DscpMatrixSpec("qos", Duration.ofHours(1), "reflector.example.net:5004", DscpMatrixSpec.Method.CALLREADY,
                        List.of(46, 26, 0), "192.168.1.1:862", null),
                new DscpMatrixSpec("qos-stamp", null, "192.0.2.1:862", DscpMatrixSpec.Method.STAMP, null, null, null),
                new RtpPortsSpec("media", Duration.ofMinutes(30), "reflector.example.net:5004", 10000, 20000, 16, false, null));
        DscpMatrixSpec stamp = (DscpMatrixSpec) config.plan().probes().get(1);
        assertThat(stamp.classes()).isEqualTo(DscpMatrixSpec.DEFAULT_CLASSES);
        assertThat(stamp.timeout()).isEqualTo(Duration.ofMillis(700));
    }
}
