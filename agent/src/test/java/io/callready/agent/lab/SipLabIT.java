package io.callready.agent.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The SIP readiness checks in a real network: the agent runs {@code check --profile} in the site namespace,
 * behind an nftables NAT router; the provider namespace runs the reflector (SIP responder), a DNS server and a
 * TLS SIP server. Each scenario changes the router or the path and asserts the checklist's verdicts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SipLabIT {
    private static Lab lab;
    private static Path work;

    /** A second provider address for the reflector's RFC 5780 alternate (CHANGE-REQUEST change-IP). */
    private static final String PROVIDER_ALT_IP = "203.0.113.11";

    @BeforeAll
    static void up() throws Exception {
        String why = Lab.unavailable();
        assumeTrue(why == null, "skipping the SIP namespace lab: " + why);
        work = Files.createTempDirectory("sip-lab");
        Path zone = work.resolve("zone.txt");
        try (var in = SipLabIT.class.getResourceAsStream("/lab/zone.txt")) {
            Files.copy(in, zone);
        }
        lab = Lab.up("crsip");
        lab.exec("prov", List.of("ip", "addr", "add", PROVIDER_ALT_IP + "/24", "dev", "eth0"), Duration.ofSeconds(5));
        lab.spawn("prov", Lab.java("io.callready.reflector.ReflectorMain", "--bind", "0.0.0.0", "--port", "5004", "--sip",
                        "--stun", Lab.PROVIDER_IP + ":3478", "--stun-alt", PROVIDER_ALT_IP + ":3479"),
                work.resolve("reflector.log"), "SIP responder on udp", Duration.ofSeconds(20));
        lab.spawn("prov", Lab.java("io.callready.agent.probe.sip.LabPeersMain", Lab.PROVIDER_IP, "53", zone.toString(), "5061",
                work.toString(), "ingress.lab.test"), work.resolve("peers.log"), "ready", Duration.ofSeconds(30));
    }

    @AfterAll
    static void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    private static JsonNode check(String profile, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("check", "--profile", profile, "--reflector", Lab.PROVIDER_IP,
                "--dns", Lab.PROVIDER_IP + ":53", "--json"));
        args.addAll(List.of(more));
        Lab.Result r = lab.exec("site", Lab.java("io.callready.agent.AgentMain", args.toArray(String[]::new)), Duration.ofSeconds(90));
        assertThat(r.output()).as("stderr: %s", r.errors()).startsWith("{");
        assertThat(r.errors()).as("progress goes to stderr").contains("… ");
        JsonNode doc = Json.newMapper().readTree(r.output());
        // the check's own measure: the JVM's start on a busy machine is not the checklist's time
        assertThat(doc.path("duration_ms").asLong()).as("the checklist's duration").isPositive().isLessThan(60_000);
        return doc;
    }

    private static JsonNode item(JsonNode doc, String id) {
        for (JsonNode i : doc.path("items")) {
            if (i.path("id").asText().equals(id)) return i;
        }
        throw new AssertionError("no item " + id + " in " + doc.toPrettyString());
    }

    @Test
    @Order(1)
    void cleanPathHasNoAlgNoFragmentationProblemAndResolvesInRfc3263Order() throws Exception {
        JsonNode doc = check("dialstack");

        JsonNode alg = item(doc, "sip-alg");
        assertThat(alg.path("status").asText()).as(alg.toString()).isEqualTo("pass");
        assertThat(alg.path("evidence").asText()).contains("no_alg").contains("NAT seen").contains(Lab.ROUTER_WAN_IP);

        JsonNode frag = item(doc, "fragmentation");
        assertThat(frag.path("status").asText()).as(frag.toString()).isEqualTo("pass");
        assertThat(frag.path("evidence").asText()).contains("largest UDP SIP message that arrives: 4000 B").contains("path MTU 1500");

        JsonNode dns = item(doc, "dns:sip-east.dialstack.ai");
        assertThat(dns.path("evidence").asText())
                .contains("udp → 203.0.113.10:5060 (NAPTR SIP+D2U → SRV _sip._udp.sip-east.dialstack.ai → east-a.lab.test:5060)")
                .contains("tcp → 203.0.113.10:5060 (NAPTR SIP+D2T → SRV _sip._tcp.sip-east.dialstack.ai → east-a.lab.test:5060)");

        JsonNode udp = item(doc, "sip:sip-east.dialstack.ai:udp");
        assertThat(udp.path("status").asText()).as(udp.toString()).isEqualTo("pass");
        assertThat(udp.path("evidence").asText()).contains("answered 200").contains("server saw us as " + Lab.ROUTER_WAN_IP);
        assertThat(item(doc, "sip:sip-west.dialstack.ai:tcp").path("status").asText()).isEqualTo("pass");

        JsonNode tls = item(doc, "tls:sip-west.dialstack.ai");
        assertThat(tls.path("status").asText()).isEqualTo("fail");
        assertThat(tls.path("evidence").asText()).contains("hostname mismatch").contains("ingress.lab.test");

        assertThat(item(doc, "port:prov.dialstack.ai:443/tcp").path("status").asText()).isEqualTo("fail");
        List<String> skipped = new ArrayList<>();
        doc.path("items").forEach(i -> {
            if (i.path("status").asText().equals("skipped")) skipped.add(i.toString());
        });
        assertThat(skipped).as("with a reflector answering SIP, STUN and port tests, every item of the profile is measured").isEmpty();
        for (String id : List.of("nat-type", "nat-timeouts", "double-nat", "dscp", "rtp-ports")) {
            assertThat(item(doc, id).path("status").asText()).as(id).isIn("pass", "warn", "fail");
        }
    }

    @Test
    @Order(2)
    void kernelSipAlgOn5060IsDetectedWithTheRewrittenHeadersAndTheAlternatePortIsClean() throws Exception {
        lab.script("alg-on", "5060");
        try {
            JsonNode alg = item(check("dialstack"), "sip-alg");
            assertThat(alg.path("status").asText()).as(alg.toString()).isEqualTo("fail");
            String evidence = alg.path("evidence").asText();
            assertThat(evidence).startsWith("alg_5060_only").contains("udp/5060: ").contains("Via").contains("Contact")
                    .contains("untouched: tcp/5060, udp/5160, tcp/5160");
            assertThat(alg.path("fix").asText()).contains("MikroTik").contains("5160");
        } finally {
            lab.script("alg-off");
        }
    }

    @Test
    @Order(3)
    void brandedCnameWithIngressCertificateIsAHostnameMismatchWithItsExplanation() throws Exception {
        Path profile = work.resolve("branded-tls-profile.yaml");
        try (var in = SipLabIT.class.getResourceAsStream("/lab/branded-tls-profile.yaml")) {
            Files.copy(in, profile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        JsonNode tls = item(check(profile.toString()), "tls:sip.brand.lab.test");
        assertThat(tls.path("status").asText()).isEqualTo("warn");
        assertThat(tls.path("evidence").asText()).contains("hostname mismatch").contains("sip.brand.lab.test")
                .contains("The certificate is for ingress.lab.test").contains("branded CNAME");
        assertThat(tls.path("fix").asText()).contains("ingress name");
    }

    @Test
    @Order(4)
    void reducedMtuWithFragmentsDroppedFailsLargeUdpAndRecommendsTcp() throws Exception {
        lab.script("mtu", "1400");
        lab.script("drop-fragments");
        try {
            JsonNode frag = item(check("dialstack"), "fragmentation");
            assertThat(frag.path("status").asText()).as(frag.toString()).isEqualTo("fail");
            assertThat(frag.path("evidence").asText()).contains("largest UDP SIP message that arrives: 1200 B")
                    .contains("path MTU 1400").contains("fragments dropped");
            assertThat(frag.path("fix").asText()).contains("TCP or TLS");
        } finally {
            lab.exec("prov", List.of("nft", "delete", "table", "ip", "fragfw"), Duration.ofSeconds(5));
            lab.script("mtu", "1500");
        }
    }
}
