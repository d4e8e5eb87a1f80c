package io.callready.agent.probe.sip;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.agent.probe.ProbeContext;
import io.callready.wire.plan.SipOptionsSpec;
import io.callready.wire.plan.SipTransport;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** SIP OPTIONS against real peers on loopback: sipp over UDP and TCP, a JDK TLS server, and a test DNS server. */
class SipOptionsProbeIT {
    @TempDir
    Path dir;

    private static final ProbeContext CONTEXT = ProbeContext.quiet("it");

    private static SipOptionsSpec spec(String uri, List<SipTransport> transports, String timeout, String dns) {
        return new SipOptionsSpec("it", null, uri, transports, io.callready.wire.plan.DurationText.parse(timeout), dns);
    }

    @Test
    void sippAnswersOverUdpAndTcp() throws Exception {
        assumeTrue(SippPeer.available(), "sipp (Debian sip-tester) is not installed; run scripts/install-deps.sh");
        try (SippPeer udp = SippPeer.start("u1", dir); SippPeer tcp = SippPeer.start("t1", dir)) {
            SipOptionsProbe probe = new SipOptionsProbe();
            ProbeResult u = probe.run(spec("sip:127.0.0.1:" + udp.port, List.of(SipTransport.UDP), "5s", null), CONTEXT);
            ProbeResult t = probe.run(spec("sip:127.0.0.1:" + tcp.port, List.of(SipTransport.TCP), "5s", null), CONTEXT);

            assertThat(u.status()).as(u.reason()).isEqualTo(ResultStatus.OK);
            JsonNode ut = u.details().at("/transports/0/targets/0");
            assertThat(ut.path("status").asInt()).isEqualTo(200);
            assertThat(ut.path("response_ms").asLong()).isBetween(0L, 2000L);
            assertThat(u.details().at("/transports/0/resolution/steps/0").asText()).contains("numeric host");
            assertThat(u.metrics()).containsKey("sip_response_udp_ms");

            assertThat(t.status()).as(t.reason()).isEqualTo(ResultStatus.OK);
            JsonNode tt = t.details().at("/transports/0/targets/0");
            assertThat(tt.path("status").asInt()).isEqualTo(200);
            assertThat(tt.has("connect_ms")).isTrue();
        }
    }

    @Test
    void kamailioReportsWhatItSawOfUsInViaReceivedAndRport() throws Exception {
        assumeTrue(KamailioPeer.available(), "kamailio is not installed; run scripts/install-deps.sh");
        try (KamailioPeer kamailio = KamailioPeer.start(dir)) {
            ProbeResult r = new SipOptionsProbe().run(spec("sip:127.0.0.1:" + kamailio.port,
                    List.of(SipTransport.UDP, SipTransport.TCP), "5s", null), CONTEXT);
            assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.OK);
            for (int i = 0; i < 2; i++) {
                JsonNode t = r.details().at("/transports/" + i + "/targets/0");
                assertThat(t.path("status").asInt()).isEqualTo(200);
                String localPort = t.path("local").asText().replaceAll(".*:", "");
                assertThat(t.path("rport").asText()).isEqualTo(localPort);
                assertThat(t.path("nat_seen").asBoolean()).isFalse();
            }
        }
    }

    @Test
    void udpRetransmitsFromT1AndGivesUpAtTimerF() throws Exception {
        AtomicInteger arrivals = new AtomicInteger();
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread sink = Thread.ofVirtual().start(() -> {
                byte[] b = new byte[4096];
                while (!silent.isClosed()) {
                    try {
                        silent.receive(new DatagramPacket(b, b.length));
                        arrivals.incrementAndGet();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            long start = System.nanoTime();
            // T1 = 100 ms: sends at 0, 100, 300 and 700 ms, the next would be at 1.5 s = Timer F; each interval counts
            // from the send before it, so late wake-ups may add up to 800 ms before the fourth send is lost
            Exchange e = UdpTransaction.run(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()),
                    local -> SipRequests.options("sip:127.0.0.1", SipTransport.UDP, local), Duration.ofMillis(1500), Duration.ofMillis(100));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (arrivals.get() < e.retransmissions() + 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            silent.close();
            sink.join(1000);

            assertThat(e.phase()).isEqualTo("timeout");
            assertThat(e.retransmissions()).isEqualTo(3);
            assertThat(arrivals.get()).as("every send reached the peer").isEqualTo(4);
            assertThat(tookMs).as("gave up at Timer F, not before").isBetween(1450L, 10_000L);
        }
    }

    @Test
    void closedUdpPortIsAConnectFailureNotAWait() throws Exception {
        int port = SippPeer.freeUdpPort();
        ProbeResult r = new SipOptionsProbe().run(spec("sip:127.0.0.1:" + port, List.of(SipTransport.UDP), "5s", null), CONTEXT);
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.details().at("/transports/0/targets/0/failure_phase").asText()).isEqualTo("connect");
        assertThat(r.reason()).contains("ICMP port unreachable");
        assertThat(r.durationMs()).isLessThan(3000);
    }

    @Test
    void brandedCnameWithIngressCertificateIsAHostnameMismatchWithExplanation() throws Exception {
        Path store = TestCertificates.generate(dir, "ingress.lab.test", "dns:ingress.lab.test");
        try (TlsSipServer server = new TlsSipServer(TestCertificates.serverContext(store), 200);
             TestDnsServer dns = new TestDnsServer(List.of(
                     "sip.brand.test. 60 CNAME ingress.lab.test.",
                     "ingress.lab.test. 60 A 127.0.0.1"))) {
            SipOptionsProbe probe = new SipOptionsProbe(new TlsInspector(TestCertificates.trusting(store), Clock.systemUTC()), UdpTransaction.T1);

            ProbeResult branded = probe.run(spec("sips:sip.brand.test:" + server.port(), List.of(SipTransport.TLS), "5s", dns.address()), CONTEXT);
            JsonNode target = branded.details().at("/transports/0/targets/0");
            JsonNode tls = target.path("tls");
            assertThat(target.path("status").asInt()).as(branded.reason()).isEqualTo(200);
            assertThat(target.path("canonical_name").asText()).isEqualTo("ingress.lab.test");
            assertThat(tls.path("chain_valid").asBoolean()).isTrue();
            assertThat(tls.path("hostname_matches").asBoolean()).isFalse();
            assertThat(tls.path("dialled_domain").asText()).isEqualTo("sip.brand.test");
            assertThat(tls.path("hostname_note").asText()).contains("ingress.lab.test").contains("branded CNAME");
            assertThat(tls.path("days_to_expiry").asLong()).isBetween(88L, 90L);
            assertThat(tls.path("protocol").asText()).startsWith("TLSv1.");
            assertThat(tls.path("cipher").asText()).startsWith("TLS_");
            assertThat(branded.status()).isEqualTo(ResultStatus.DEGRADED);
            assertThat(branded.reason()).contains("hostname mismatch");

            ProbeResult direct = probe.run(spec("sips:ingress.lab.test:" + server.port(), List.of(SipTransport.TLS), "5s", dns.address()), CONTEXT);
            assertThat(direct.status()).as(direct.reason()).isEqualTo(ResultStatus.OK);
            assertThat(direct.details().at("/transports/0/targets/0/tls/hostname_matches").asBoolean()).isTrue();
        }
    }

    @Test
    void untrustedChainIsReportedButTheServerStillCountsAsReachable() throws Exception {
        Path store = TestCertificates.generate(dir, "self.lab.test", "dns:self.lab.test");
        try (TlsSipServer server = new TlsSipServer(TestCertificates.serverContext(store), 200)) {
            ProbeResult r = new SipOptionsProbe().run(spec("sips:127.0.0.1:" + server.port(), List.of(SipTransport.TLS), "5s", null), CONTEXT);
            JsonNode tls = r.details().at("/transports/0/targets/0/tls");
            assertThat(tls.path("chain_valid").asBoolean()).isFalse();
            assertThat(tls.path("chain_error").asText()).isNotBlank();
            assertThat(r.details().at("/transports/0/targets/0/reachable").asBoolean()).isTrue();
        }
    }

    @Test
    void unauthorisedAnswerStillProvesReachability() throws Exception {
        Path store = TestCertificates.generate(dir, "auth.lab.test", "dns:auth.lab.test");
        try (TlsSipServer server = new TlsSipServer(TestCertificates.serverContext(store), 401)) {
            SipOptionsProbe probe = new SipOptionsProbe(new TlsInspector(TestCertificates.trusting(store), Clock.systemUTC()), UdpTransaction.T1);
            ProbeResult byAddress = probe.run(spec("sips:127.0.0.1:" + server.port(), List.of(SipTransport.TLS), "5s", null), CONTEXT);
            assertThat(byAddress.details().at("/transports/0/targets/0/status").asInt()).isEqualTo(401);
            assertThat(byAddress.details().at("/transports/0/targets/0/outcome").asText()).isEqualTo("reachable_refused");
            assertThat(byAddress.reason()).contains("401").contains("= reachable");
            assertThat(byAddress.status()).isNotEqualTo(ResultStatus.FAILED);
        }
    }

    @Test
    void rfc3263OrderNaptrThenSrvPriorityThenAddresses() throws Exception {
        assumeTrue(SippPeer.available(), "sipp (Debian sip-tester) is not installed; run scripts/install-deps.sh");
        try (SippPeer live = SippPeer.start("u1", dir)) {
            int dead = SippPeer.freeUdpPort();
            try (TestDnsServer dns = new TestDnsServer(List.of(
                    "example.test. 60 NAPTR 20 10 \"s\" \"SIP+D2U\" \"\" _sip._udp.example.test.",
                    "example.test. 60 NAPTR 10 10 \"s\" \"SIP+D2T\" \"\" _sip._tcp.example.test.",
                    "_sip._udp.example.test. 60 SRV 20 0 " + dead + " b.example.test.",
                    "_sip._udp.example.test. 60 SRV 10 0 " + live.port + " a.example.test.",
                    "a.example.test. 60 A 127.0.0.1",
                    "b.example.test. 60 A 127.0.0.1"))) {
                ServerLocator locator = ServerLocator.create(dns.address(), Duration.ofSeconds(2));

                Resolution udp = locator.locate(SipUri.parse("sip:example.test"), SipTransport.UDP);
                assertThat(udp.error()).isNull();
                assertThat(udp.targets()).extracting(Target::host).containsExactly("a.example.test", "b.example.test");
                assertThat(udp.targets()).extracting(Target::port).containsExactly(live.port, dead);
                assertThat(udp.targets().getFirst().via()).startsWith("NAPTR SIP+D2U → SRV _sip._udp.example.test");
                assertThat(dns.questions).containsSubsequence("NAPTR example.test.", "SRV _sip._udp.example.test.", "A a.example.test.");

                dns.questions.clear();
                locator.locate(SipUri.parse("sip:example.test;transport=udp"), SipTransport.UDP);
                assertThat(dns.questions).noneMatch(q -> q.startsWith("NAPTR")).contains("SRV _sip._udp.example.test.");

                dns.questions.clear();
                locator.locate(SipUri.parse("sip:a.example.test:5080"), SipTransport.UDP);
                assertThat(dns.questions).allMatch(q -> q.startsWith("A ") || q.startsWith("AAAA "));

                dns.questions.clear();
                Resolution numeric = locator.locate(SipUri.parse("sip:127.0.0.1"), SipTransport.TLS);
                assertThat(dns.questions).isEmpty();
                assertThat(numeric.targets().getFirst().port()).isEqualTo(5061);

                ProbeResult r = new SipOptionsProbe().run(spec("sip:example.test", List.of(SipTransport.UDP), "2s", dns.address()), CONTEXT);
                assertThat(r.details().at("/transports/0/targets/0/status").asInt()).isEqualTo(200);
                assertThat(r.details().at("/transports/0/targets/1/reachable").asBoolean()).isFalse();
                assertThat(r.status()).isEqualTo(ResultStatus.OK);
                assertThat(r.reason()).contains("udp: 1/2 reachable");
            }
        }
    }
}
