package io.callready.agent.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.wire.Json;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultRules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * RFC 5780 NAT behaviour through real kernel NAT (nftables masquerade in the router namespace), measured against the
 * CallReady reflector's STUN server and against coturn as an independent server, each with two addresses.
 * Every scenario gets a fresh lab, so no conntrack entry of an earlier one can decide a verdict.
 */
class NatLabIT {
    private static final String PREFIX = "crnat";
    private static final String PROVIDER_ALT_IP = "203.0.113.11";
    private static final int REFLECTOR_STUN_PORT = 3478;
    private static final int COTURN_PORT = 3480;
    private static final List<Integer> SERVERS = List.of(REFLECTOR_STUN_PORT, COTURN_PORT);

    private Path work;

    @BeforeEach
    void lab() throws Exception {
        String why = Lab.unavailable();
        assumeTrue(why == null, "skipping the NAT lab: " + why);
        work = Files.createTempDirectory("nat-lab");
    }

    /** Both STUN servers in the provider namespace, on 203.0.113.10 and .11; the reflector also answers SIP. */
    private void startServers(Lab lab) throws Exception {
        lab.exec("prov", List.of("ip", "addr", "add", PROVIDER_ALT_IP + "/24", "dev", "eth0"), Duration.ofSeconds(5));
        lab.spawn("prov", Lab.java("io.callready.reflector.ReflectorMain", "--port", "5004", "--no-stamp", "--sip",
                        "--stun", Lab.PROVIDER_IP + ":" + REFLECTOR_STUN_PORT, "--stun-alt", PROVIDER_ALT_IP + ":" + (REFLECTOR_STUN_PORT + 1)),
                work.resolve("reflector.log"), "STUN server on udp", Duration.ofSeconds(20));
        Path empty = Files.writeString(work.resolve("turnserver.conf"), "");
        lab.spawn("prov", List.of("turnserver", "-c", empty.toString(), "--stun-only", "-L", Lab.PROVIDER_IP, "-L", PROVIDER_ALT_IP,
                        "--listening-port", Integer.toString(COTURN_PORT), "--alt-listening-port", Integer.toString(COTURN_PORT + 1),
                        "--no-auth", "--no-tls", "--no-dtls", "--no-cli", "--log-file", "stdout",
                        "--pidfile", work.resolve("turn.pid").toString(), "--userdb", work.resolve("turn.db").toString()),
                work.resolve("turnserver.log"), "IO method", Duration.ofSeconds(20));
    }

    /** miniupnpd on the site router, NAT-PMP only, answering the LAN: the router's own WAN address for the double-NAT check. */
    private void startNatPmp(Lab lab) throws Exception {
        Path conf = Files.writeString(work.resolve("miniupnpd.conf"), """
                ext_ifname=wan0
                listening_ip=lan0
                enable_natpmp=yes
                enable_upnp=no
                secure_mode=yes
                allow 1024-65535 192.168.1.0/24 1024-65535
                deny 0-65535 0.0.0.0/0 0-65535
                """);
        lab.spawn("rtr", List.of("miniupnpd", "-f", conf.toString(), "-d"), work.resolve("miniupnpd.log"),
                "Listening for NAT-PMP", Duration.ofSeconds(20));
    }

    /** {@code check --nat} in a namespace; returns the result after checking it would be accepted by the collector. */
    private static JsonNode check(Lab lab, String role, int port, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--nat", Lab.PROVIDER_IP + ":" + port));
        args.addAll(List.of(extra));
        return check(lab, role, args.toArray(String[]::new));
    }

    private static JsonNode check(Lab lab, String role, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("check", "--json"));
        args.addAll(List.of(options));
        Lab.Result r = lab.exec(role, Lab.java("io.callready.agent.AgentMain", args.toArray(String[]::new)), Duration.ofSeconds(120));
        assertThat(r.exit()).as(r.output() + r.errors()).isZero();
        ProbeResult result = Json.newMapper().readValue(r.output(), ProbeResult.class);
        assertThat(ResultRules.check(result, Instant.now(), ResultRules.Window.DEFAULT)).isEmpty();
        assertThat(r.errors()).doesNotContain("INFO");
        return Json.newMapper().readTree(r.output());
    }

    @Test
    void singleNatIsEndpointIndependentAndTheRoutersOwnTrafficSeesNoNat() throws Exception {
        try (Lab lab = Lab.up(PREFIX)) {
            startServers(lab);
            startNatPmp(lab);
            for (int port : SERVERS) {
                JsonNode r = check(lab, "site", port);
                JsonNode labels = r.path("labels");
                assertThat(r.path("status").asText()).as("server port %d: %s", port, r).isEqualTo("ok");
                assertThat(labels.path("nat_mapping").asText()).isEqualTo("endpoint_independent");
                assertThat(labels.path("nat_filtering").asText()).isEqualTo("address_and_port_dependent");
                assertThat(labels.path("port_preserved").asText()).isEqualTo("true");
                assertThat(labels.path("hairpinning").asText()).isEqualTo("false");
                assertThat(labels.path("public_address").asText()).isEqualTo(Lab.ROUTER_WAN_IP);
                assertThat(labels.path("public_address_class").asText()).isEqualTo("public");
                assertThat(labels.path("mapped_address_rewritten").asText()).isEqualTo("false");
                assertThat(labels.path("double_nat").asText()).isEqualTo("none_seen");
                assertThat(r.path("details").path("path")).extracting(JsonNode::asText).containsExactly("192.168.1.1", Lab.PROVIDER_IP);
                assertThat(r.path("details").path("double_nat").path("evidence").asText()).as("miniupnpd offers no reserved (TEST-NET) WAN address")
                        .contains("answers NAT-PMP with \"network failure\"");
            }
            JsonNode clean = check(lab, "rtr", REFLECTOR_STUN_PORT);
            assertThat(clean.path("status").asText()).as(clean.toString()).isEqualTo("ok");
            assertThat(clean.path("labels").path("nat_mapping").asText()).isEqualTo("no_nat");
            assertThat(clean.path("labels").path("nat_filtering").asText()).isEqualTo("endpoint_independent");
        }
    }

    @Test
    void fullyRandomMasqueradeIsSymmetricAndLosesTheSipPort() throws Exception {
        try (Lab lab = Lab.up(PREFIX)) {
            Path rules = Files.writeString(work.resolve("symmetric.nft"), """
                    flush ruleset
                    table ip nat {
                      chain post { type nat hook postrouting priority 100; oifname "wan0" masquerade random,fully-random; }
                    }
                    """);
            assertThat(lab.exec("rtr", List.of("nft", "-f", rules.toString()), Duration.ofSeconds(5)).exit()).isZero();
            startServers(lab);
            for (int port : SERVERS) {
                JsonNode r = check(lab, "site", port, "--local-port", "5060");
                assertThat(r.path("status").asText()).as("server port %d: %s", port, r).isEqualTo("degraded");
                assertThat(r.path("labels").path("nat_mapping").asText()).isEqualTo("address_and_port_dependent");
                assertThat(r.path("labels").path("port_preserved").asText()).isEqualTo("false");
                assertThat(r.path("reason").asText()).contains("symmetric NAT").contains("3CX");
            }
        }
    }

    /**
     * The lab's second NAT numbers its inside 100.64.0.0/10: the hop after the site's router gives carrier-grade NAT away.
     */
    @Test
    void aCarrierGradeNatBehindTheRouterIsNamedWithItsFix() throws Exception {
        try (Lab lab = Lab.up(PREFIX, "double-nat")) {
            startServers(lab);
            startNatPmp(lab);
            JsonNode r = check(lab, "site", REFLECTOR_STUN_PORT);
            assertThat(r.path("status").asText()).as(r.toString()).isEqualTo("degraded");
            assertThat(r.path("labels").path("double_nat").asText()).isEqualTo("cgnat_likely");
            assertThat(r.path("labels").path("nat_mapping").asText()).as("two masquerades in a row still map independently")
                    .isEqualTo("endpoint_independent");
            assertThat(r.path("details").path("path")).extracting(JsonNode::asText).containsExactly("192.168.1.1", "100.64.0.1", Lab.PROVIDER_IP);
            assertThat(r.path("reason").asText()).contains("hop 2 is 100.64.0.1").contains("ask the ISP for a public IPv4 address");
        }
    }

    /**
     * conntrack forgets unanswered UDP flows after 37 s and answered ones after 27 s: the DialStack checklist finds
     * each within 5 s (fast mode, under a minute) and fails the provider's 60 s minimum; coturn as the server agrees.
     */
    @Test
    void shortConntrackTimeoutsAreFoundForBothKindsOfMappingAndFailDialStack() throws Exception {
        try (Lab lab = Lab.up(PREFIX)) {
            assertThat(lab.exec("rtr", List.of("sysctl", "-qw", "net.netfilter.nf_conntrack_udp_timeout=" + UNREPLIED_TIMEOUT_S,
                    "net.netfilter.nf_conntrack_udp_timeout_stream=" + STREAM_TIMEOUT_S), Duration.ofSeconds(5)).exit()).isZero();
            startServers(lab);
            CompletableFuture<JsonNode> coturn = CompletableFuture.supplyAsync(() -> {
                try {
                    return check(lab, "site", "--udp-lifetime", Lab.PROVIDER_IP + ":" + COTURN_PORT);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Lab.Result r = lab.exec("site", Lab.java("io.callready.agent.AgentMain", "check", "--profile", "dialstack",
                    "--sip-host", "sip:" + Lab.PROVIDER_IP, "--reflector", Lab.PROVIDER_IP, "--json"), Duration.ofSeconds(120));
            JsonNode doc = Json.newMapper().readTree(r.output());
            assertThat(doc.path("duration_ms").asLong()).as("fast mode keeps the checklist under a minute").isLessThan(60_000);
            JsonNode timeouts = item(doc, "nat-timeouts");
            assertThat(timeouts.path("status").asText()).as(r.output()).isEqualTo("fail");
            assertThat(timeouts.path("evidence").asText()).contains("below the provider's minimum of 60 s");
            assertThat(timeouts.path("fix").asText()).contains("at least 60 s");
            assertThat(item(doc, "nat-type").path("status").asText()).isEqualTo("pass");
            assertThat(item(doc, "port-preservation").path("status").asText()).isEqualTo("pass");
            assertThat(item(doc, "double-nat").path("status").asText()).isEqualTo("pass");
            assertLifetimes(coturn.join().path("metrics"));
        }
    }

    // off the fast search's 5 s grid: a trial idle exactly as long as the timeout races the router's conntrack refresh
    private static final int UNREPLIED_TIMEOUT_S = 37;
    private static final int STREAM_TIMEOUT_S = 27;

    /** The true timeout lies between the longest survived and the shortest expired idle time, each within 5 s of it. */
    private static void assertLifetimes(JsonNode m) {
        for (String[] kind : new String[][]{{"two_way", "" + STREAM_TIMEOUT_S}, {"one_way", "" + UNREPLIED_TIMEOUT_S}}) {
            double truthMs = Integer.parseInt(kind[1]) * 1000.0;
            assertThat(m.path("binding_survived_" + kind[0] + "_ms").asDouble()).as(kind[0] + " " + m).isBetween(truthMs - 5000, truthMs);
            assertThat(m.path("binding_expired_" + kind[0] + "_ms").asDouble()).as(kind[0] + " " + m).isBetween(truthMs, truthMs + 5000);
        }
    }

    private static JsonNode item(JsonNode checklist, String id) {
        for (JsonNode i : checklist.path("items")) {
            if (i.path("id").asText().equals(id)) return i;
        }
        throw new AssertionError("no item " + id + " in " + checklist);
    }
}
