package io.callready.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.agent.probe.sip.TestDnsServer;
import io.callready.reflector.sip.SipResponder;
import io.callready.reflector.sip.SipResponderSettings;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import io.callready.wire.Json;
import org.xbill.DNS.Type;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code check --profile}: usage errors name the flag; a run prints the checklist on stdout and progress on stderr. */
class ProfileCheckCliIT {
    record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void usageErrorsNameTheFlag() {
        Run none = cli("check");
        assertThat(none.exit()).isEqualTo(64);
        assertThat(none.err()).contains("one of --reflector, --stamp, --nat, --udp-lifetime, --echo or --snmp is required (or --profile NAME");

        Run unknown = cli("check", "--profile", "acme");
        assertThat(unknown.exit()).isEqualTo(64);
        assertThat(unknown.err()).contains("error: --profile: no built-in profile 'acme'").doesNotContain("Exception");

        Run badReflector = cli("check", "--profile", "flowroute", "--reflector", "host:99999");
        assertThat(badReflector.exit()).isEqualTo(64);
        assertThat(badReflector.err()).contains("--reflector ");
    }

    @Test
    void checklistForAProfileWithoutAHostUsesSipHostAndSkipsWhatNeedsAReflector() throws Exception {
        try (SipResponder responder = SipResponder.start(new SipResponderSettings(InetAddress.getLoopbackAddress(), List.of(0), List.of()))) {
            int port = responder.udpPorts().getFirst();
            Run r = cli("check", "--profile", "3cx", "--sip-host", "sip:127.0.0.1:" + port);
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("CallReady pre-flight checklist: 3CX (profile 3cx)")
                    .containsPattern("PASS +SIP OPTIONS 127\\.0\\.0\\.1 udp +127\\.0\\.0\\.1:" + port + " answered 200 OK")
                    .containsPattern("SKIPPED +SIP ALG on the router +needs a CallReady reflector")
                    .containsPattern("SKIPPED +RTP port range")
                    .contains("fix: allow outbound UDP 9000-9255")
                    .contains("Known caveats of 3CX");
            assertThat(r.err()).contains("… running the 3CX checklist").contains("127.0.0.1 over udp: 1 target(s)");
        }
    }

    @Test
    void reportWritesTheReadinessPageOfTheOneShotCheck() throws Exception {
        Run noProfile = cli("check", "--reflector", "127.0.0.1:5004", "--report", "x.html");
        assertThat(noProfile.exit()).isEqualTo(64);
        assertThat(noProfile.err()).contains("error: --report and --calls need --profile NAME");

        Path dir = Files.createTempDirectory("report");
        Path page = dir.resolve("branch-7.html");
        try (SipResponder responder = SipResponder.start(new SipResponderSettings(InetAddress.getLoopbackAddress(), List.of(0), List.of()))) {
            int port = responder.udpPorts().getFirst();
            Run r = cli("check", "--profile", "3cx", "--sip-host", "sip:127.0.0.1:" + port, "--report", page.toString(), "--calls", "4");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.err()).contains("… readiness report written to " + page);
        }
        String html = Files.readString(page);
        // skipped items (no reflector) and no quality window: ready with warnings, and the page says why
        assertThat(html).contains("Voice readiness report: branch-7", "<span id=\"verdict-label\">Ready with warnings</span>",
                "network quality was not measured in this window", "SIP ALG: SIP ALG on the router was not checked",
                "id=\"change-request\"", "9000-9255", "one-shot check by the agent");
        assertThat(html).containsPattern("<td>SIP reachability</td><td>SIP OPTIONS 127\\.0\\.0\\.1 udp</td><td class=\"state pass\">pass</td>");
        Run unwritable = cli("check", "--profile", "3cx", "--sip-host", "sip:127.0.0.1:9", "--report", dir.resolve("no/such/dir.html").toString());
        assertThat(unwritable.exit()).isEqualTo(73);
        assertThat(unwritable.err()).contains("error: --report: cannot write");
    }

    @Test
    void aRefusedAaaaWithAGoodARecordFailsNothing() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (SipResponder responder = SipResponder.start(new SipResponderSettings(lo, List.of(0), List.of()));
             ServerSocket provisioning = new ServerSocket(0, 5, lo);
             TestDnsServer dns = new TestDnsServer(List.of("sip.lab.test. 60 A 127.0.0.1", "prov.lab.test. 60 A 127.0.0.1"))
                     .refuse(Type.AAAA)) {
            int port = responder.udpPorts().getFirst();
            Path profile = Files.createTempFile("refused-aaaa", ".yaml");
            Files.writeString(profile, """
                    name: refused-aaaa
                    sip:
                      - uri: sip:sip.lab.test:%d
                        transports: [udp]
                    other_ports:
                      - {host: prov.lab.test, port: %d, protocol: tcp, purpose: phone provisioning}
                    """.formatted(port, provisioning.getLocalPort()));
            Run r = cli("check", "--profile", profile.toString(), "--dns", dns.address(), "--json");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            JsonNode doc = Json.newMapper().readTree(r.out());
            assertThat(doc.path("items")).extracting(i -> i.path("id").asText() + "=" + i.path("status").asText())
                    .contains("port:prov.lab.test:" + provisioning.getLocalPort() + "/tcp=pass", "sip:sip.lab.test:udp=pass");
            assertThat(doc.path("summary").path("fail").asInt()).as(r.out()).isZero();
        }
    }

    @Test
    void requirementsNoProbeMeasuresSayWhatIsNotMeasuredAndWhy() throws Exception {
        Run r;
        try (TestDnsServer nothing = new TestDnsServer(List.of())) {
            r = cli("check", "--profile", "dialstack", "--json", "--dns", nothing.address());
        }
        JsonNode doc = Json.newMapper().readTree(r.out());
        for (String id : List.of("rtp-ports", "dscp", "nat-timeouts")) {
            JsonNode item = null;
            for (JsonNode i : doc.path("items")) if (i.path("id").asText().equals(id)) item = i;
            assertThat(item).as(id + " in " + r.out()).isNotNull();
            assertThat(item.path("status").asText()).isEqualTo("skipped");
            // DSCP and RTP ports are measured against a reflector; without one they say what they need
            assertThat(item.path("evidence").asText()).startsWith(id.equals("nat-timeouts") ? "not measured: " : "needs a CallReady reflector")
                    .doesNotContain("NAT probe").doesNotContain("RTP/QoS probes");
            assertThat(item.path("fix").asText()).isNotBlank();
        }
    }
}
