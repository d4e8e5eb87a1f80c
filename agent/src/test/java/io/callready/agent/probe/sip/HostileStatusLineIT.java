package io.callready.agent.probe.sip;

import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRegistry;
import io.callready.wire.plan.DurationText;
import io.callready.wire.plan.SipOptionsSpec;
import io.callready.wire.plan.SipTransport;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultRules;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real SIP peer on loopback (UDP and TCP) answers OPTIONS with status lines no server should send: whatever it
 * sends, the probe's result passes the collector's rules, and the reason shows what arrived, escaped.
 */
class HostileStatusLineIT {
    private static final ProbeContext CONTEXT = ProbeContext.quiet("it");

    enum Transport {
        UDP, TCP
    }

    private static ProbeResult probe(Transport transport, byte[] statusLine) throws Exception {
        try (ScriptedSipPeer peer = transport == Transport.UDP ? ScriptedSipPeer.udp(statusLine) : ScriptedSipPeer.tcp(statusLine)) {
            SipOptionsSpec spec = new SipOptionsSpec("hostile", null, "sip:127.0.0.1:" + peer.port(),
                    List.of(transport == Transport.UDP ? SipTransport.UDP : SipTransport.TCP), DurationText.parse("3s"), null);
            ProbeResult r = ProbeRegistry.standard().run(spec, CONTEXT);
            assertThat(ResultRules.check(r, Instant.now(), ResultRules.Window.DEFAULT)).as(r.reason()).isEmpty();
            return r;
        }
    }

    private static byte[] line(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aNulInTheStatusLineIsEscapedAndReportedAsAFinding(Transport transport) throws Exception {
        ProbeResult r = probe(transport, line("SIP/2.0 200 O\u0000K"));
        assertThat(r.reason()).contains("200 O\\u0000K")
                .contains("status line contains control characters: \"SIP/2.0 200 O\\u0000K\"");
        assertThat(r.status()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(r.details().at("/transports/0/targets/0/status").asInt()).isEqualTo(200);
        assertThat(r.details().at("/transports/0/targets/0/status_line").asText()).isEqualTo("SIP/2.0 200 O\\u0000K");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void escAndALoneCrAreEscaped(Transport transport) throws Exception {
        ProbeResult esc = probe(transport, line("SIP/2.0 200 \u001b[2JOK"));
        assertThat(esc.reason()).contains("status line contains control characters: \"SIP/2.0 200 \\u001b[2JOK\"");
        ProbeResult cr = probe(transport, line("SIP/2.0 200 O\rK"));
        assertThat(cr.reason()).contains("status line contains control characters: \"SIP/2.0 200 O\\rK\"");
        ProbeResult c1 = probe(transport, line("SIP/2.0 200 O\u009bK"));
        assertThat(c1.reason()).contains("\"SIP/2.0 200 O\\u009bK\"");
    }

    /** ED A0 80 is U+D800, a lone surrogate, as CESU-8 would write it: not UTF-8, so it arrives as U+FFFD. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void anEncodedUnpairedSurrogateIsReportedAsNotUtf8(Transport transport) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(line("SIP/2.0 200 O"));
        bytes.writeBytes(new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        bytes.writeBytes(line("K"));
        ProbeResult r = probe(transport, bytes.toByteArray());
        assertThat(r.reason()).contains("status line contains bytes that are not UTF-8 (shown as U+FFFD)").contains("SIP/2.0 200 O\uFFFD");
        assertThat(r.status()).isEqualTo(ResultStatus.DEGRADED);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHugeReasonPhraseIsClippedAndItsLengthTold(Transport transport) throws Exception {
        ProbeResult r = probe(transport, line("SIP/2.0 200 " + "x".repeat(5000)));
        assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.OK);
        assertThat(r.reason()).contains("200 " + "x".repeat(StatusLine.MAX_PHRASE - 1) + "… (reason phrase of 5000 characters, cut short)");
        assertThat(r.reason().length()).isLessThan(ResultRules.MAX_REASON_LENGTH);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aGarbageStatusCodeIsAFailureWithTheLineAndNoMetricsOfAnAnswer(Transport transport) throws Exception {
        for (String garbage : List.of("SIP/2.0 999999 X", "SIP/2.0 abc", "SIP/2.0 099 Too Low", "SIP/2.0 700 Too High")) {
            ProbeResult r = probe(transport, line(garbage));
            assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.FAILED);
            assertThat(r.reason()).contains("status line has no status code from 100 to 699: \"" + garbage + "\"");
            assertThat(r.metrics()).doesNotContainKeys("sip_status_code", "sip_response_udp_ms", "sip_response_tcp_ms")
                    .containsEntry("sip_targets_reachable_count", 0.0);
            assertThat(r.details().at("/transports/0/targets/0/failure_phase").asText()).isEqualTo("response");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyHostileByteInAStatusLineStillGivesAStorableResult(Transport transport) throws Exception {
        StringBuilder all = new StringBuilder("SIP/2.0 200 ");
        for (char c = 0; c <= 0x9F; c++) {
            if (c != '\n' && (c < 0x20 || c >= 0x7F)) {
                all.append(c);
            }
        }
        ProbeResult r = probe(transport, line(all.toString()));
        assertThat(r.reason()).contains("\\u0000\\u0001").contains("\\u007f\\u0080").contains("\\u009f");
    }

    /** A certificate valid for more than a century has no usable days-to-expiry: kept in details, not a metric. */
    @Test
    void aCertificateValidForOverACenturyIsNoExpiryMetric(@TempDir Path dir) throws Exception {
        Path store = TestCertificates.generate(dir, "forever.lab.test", "dns:127.0.0.1,ip:127.0.0.1", 40_000);
        try (TlsSipServer server = new TlsSipServer(TestCertificates.serverContext(store), 200)) {
            SipOptionsProbe probe = new SipOptionsProbe(new TlsInspector(TestCertificates.trusting(store), Clock.systemUTC()),
                    UdpTransaction.T1);
            ProbeResult r = probe.run(new SipOptionsSpec("tls", null, "sips:127.0.0.1:" + server.port(), List.of(SipTransport.TLS),
                    DurationText.parse("5s"), null), CONTEXT);
            assertThat(ResultRules.check(r, Instant.now(), ResultRules.Window.DEFAULT)).as(r.reason()).isEmpty();
            assertThat(r.details().at("/transports/0/targets/0/tls/days_to_expiry").asLong()).as(r.reason()).isGreaterThan(39_000L);
            assertThat(r.metrics()).doesNotContainKey("tls_days_to_expiry").containsKey("sip_response_tls_ms");
        }
    }
}
