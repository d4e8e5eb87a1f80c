package io.callready.agent.probe.fragment;

import io.callready.agent.probe.ProbeContext;
import io.callready.reflector.sip.SipResponder;
import io.callready.reflector.sip.SipResponderSettings;
import io.callready.wire.plan.SipFragmentationSpec;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ladder against the real SIP responder on loopback (MTU 64 KiB): every size arrives, nothing to fix. */
class SipFragmentationProbeIT {
    @Test
    void everySizeArrivesOnLoopbackAndThePaddingIsExact() throws Exception {
        try (SipResponder responder = SipResponder.start(new SipResponderSettings(InetAddress.getLoopbackAddress(), List.of(0), List.of()))) {
            int port = responder.udpPorts().getFirst();
            assertThat(PaddedOptions.build("sip:x@127.0.0.1", new InetSocketAddress("127.0.0.1", 40000), 1472)).hasSize(1472);
            assertThat(PaddedOptions.build("sip:x@127.0.0.1", new InetSocketAddress("127.0.0.1", 40000), 4000)).hasSize(4000);

            ProbeResult r = new SipFragmentationProbe().run(new SipFragmentationSpec("frag", null, "127.0.0.1", port, null,
                    Duration.ofSeconds(1)), ProbeContext.quiet("it"));

            assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.OK);
            assertThat(r.metrics()).containsEntry("sip_largest_udp_bytes", 4000.0);
            // the kernel caps the loopback route MTU (65536) at the largest IP packet
            assertThat(r.metrics().get("path_mtu_bytes")).isBetween(65535.0, 65536.0);
            assertThat(r.details().path("attempts")).hasSize(12).allSatisfy(a -> assertThat(a.path("arrived").asBoolean()).isTrue());
            assertThat(r.details().path("fragments_dropped").asBoolean()).isFalse();
        }
    }

    @Test
    void nothingListeningIsAFailureNamingTheResponder() throws Exception {
        int port;
        try (var s = new java.net.DatagramSocket(0)) {
            port = s.getLocalPort();
        }
        ProbeResult r = new SipFragmentationProbe().run(new SipFragmentationSpec("frag", null, "127.0.0.1", port, List.of(1200),
                Duration.ofMillis(300)), ProbeContext.quiet("it"));
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.reason()).contains("ICMP port unreachable").contains("--sip");
    }
}
