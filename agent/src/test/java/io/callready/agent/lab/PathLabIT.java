package io.callready.agent.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * DSCP per class and direction, and the RTP port range, through the lab router (real nftables, real NAT): a clean
 * path first (no false positive), then the router bleaches every mark on its WAN egress, re-marks AF41 to AF21, and
 * drops a slice of the RTP range. The router runs a STAMP reflector on its LAN address, so a change is placed
 * beyond it. Each impairment is its own nft table, removed before the next scenario.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PathLabIT {
    private static final String ROUTER_LAN_IP = "192.168.1.1";
    private static final String PROV = Lab.PROVIDER_IP;
    private Lab lab;
    private Path work;

    @BeforeAll
    void up() throws Exception {
        String why = Lab.unavailable();
        assumeTrue(why == null, "skipping the DSCP / RTP port lab: " + why);
        work = Files.createTempDirectory("path-lab");
        lab = Lab.up("crdscp");
        lab.spawn("prov", Lab.java("io.callready.reflector.ReflectorMain", "--bind", "0.0.0.0", "--port", "5004", "--stamp-port", "862", "--sip"),
                work.resolve("prov-reflector.log"), "STAMP session-reflector", Duration.ofSeconds(30));
        lab.spawn("rtr", Lab.java("io.callready.reflector.ReflectorMain", "--bind", ROUTER_LAN_IP, "--port", "5004", "--stamp-port", "862"),
                work.resolve("rtr-reflector.log"), "STAMP session-reflector", Duration.ofSeconds(30));
    }

    @AfterAll
    void down() throws Exception {
        if (lab != null) lab.close();
    }

    private JsonNode probe(String specJson) throws Exception {
        Lab.Result r = lab.exec("site", Lab.java("io.callready.agent.lab.ProbeOnceMain", specJson), Duration.ofSeconds(60));
        assertThat(r.exit()).as(r.output() + r.errors()).isZero();
        return Json.newMapper().readTree(r.output());
    }

    private JsonNode dscp(String method, String port) throws Exception {
        return probe("{\"kind\": \"dscp_matrix\", \"reflector\": \"" + PROV + ":" + port + "\", \"method\": \"" + method
                + "\", \"router\": \"" + ROUTER_LAN_IP + ":862\"}");
    }

    private JsonNode rtpPorts() throws Exception {
        return probe("{\"kind\": \"rtp_ports\", \"reflector\": \"" + PROV + ":5004\", \"from\": 10000, \"to\": 20000, \"samples\": 12}");
    }

    private void nft(String ruleset) throws Exception {
        Path file = work.resolve("rules.nft");
        Files.writeString(file, ruleset);
        Lab.Result r = lab.exec("rtr", List.of("nft", "-f", file.toString()), Duration.ofSeconds(10));
        assertThat(r.exit()).as(r.errors()).isZero();
    }

    private void clearImpairments() throws Exception {
        for (String table : List.of("crdscp_mark", "crdscp_fw")) {
            lab.exec("rtr", List.of("nft", "delete", "table", "ip", table), Duration.ofSeconds(10));
        }
    }

    private static JsonNode cls(JsonNode result, int dscp) {
        for (JsonNode c : result.path("details").path("classes")) {
            if (c.path("dscp").asInt() == dscp) return c;
        }
        throw new AssertionError("no class " + dscp + " in " + result);
    }

    @Test
    @Order(1)
    void aCleanPathPreservesEveryClassBothWaysAndBlocksNoPort() throws Exception {
        for (String[] m : new String[][]{{"callready", "5004"}, {"stamp", "862"}}) {
            JsonNode r = dscp(m[0], m[1]);
            assertThat(r.path("status").asText()).as(r.toString()).isEqualTo("ok");
            assertThat(r.path("metrics").path("classes_changed_count").asDouble()).isZero();
            for (int d : new int[]{46, 34, 26, 24, 0}) {
                assertThat(cls(r, d).path("up").asText()).as(m[0] + " up " + d).isEqualTo("preserved");
                assertThat(cls(r, d).path("down").asText()).as(m[0] + " down " + d).isEqualTo("preserved");
            }
        }
        JsonNode ports = rtpPorts();
        assertThat(ports.path("status").asText()).as(ports.toString()).isEqualTo("ok");
        assertThat(ports.path("details").path("blocked_ranges")).isEmpty();
        assertThat(ports.path("metrics").path("ports_tested_count").asDouble()).isEqualTo(12.0);
        assertThat(ports.path("labels").path("media_source_ports").asText()).as("the lab NAT keeps free source ports").isEqualTo("preserved");
    }

    @Test
    @Order(2)
    void marksBleachedOnTheWanEgressAreBleachedUpstreamOnlyAndBeyondTheRouter() throws Exception {
        nft("table ip crdscp_mark {\n  chain post {\n    type filter hook postrouting priority 0;\n    oifname \"wan0\" ip dscp set cs0\n  }\n}\n");
        try {
            for (String[] m : new String[][]{{"callready", "5004"}, {"stamp", "862"}}) {
                JsonNode r = dscp(m[0], m[1]);
                assertThat(r.path("status").asText()).as(r.toString()).isEqualTo("degraded");
                JsonNode ef = cls(r, 46);
                assertThat(ef.path("up").asText()).as(m[0]).isEqualTo("bleached");
                assertThat(ef.path("up_seen").asInt()).isZero();
                assertThat(ef.path("down").asText()).as("the reply is not touched: " + m[0]).isEqualTo("preserved");
                assertThat(ef.path("where_up").asText()).isEqualTo("beyond_router");
                assertThat(cls(r, 0).path("up").asText()).as("the control").isEqualTo("preserved");
                assertThat(r.path("reason").asText()).contains("EF 46: up bleached to 0 (beyond the router's LAN side), down preserved");
            }
        } finally {
            clearImpairments();
        }
    }

    @Test
    @Order(3)
    void af41ReMarkedToAf21OnTheWayUpIsReportedAsThatClassAlone() throws Exception {
        nft("table ip crdscp_mark {\n  chain post {\n    type filter hook postrouting priority 0;\n    oifname \"wan0\" ip dscp af41 ip dscp set af21\n  }\n}\n");
        try {
            JsonNode r = dscp("callready", "5004");
            assertThat(r.path("status").asText()).as(r.toString()).isEqualTo("degraded");
            JsonNode af41 = cls(r, 34);
            assertThat(af41.path("up").asText()).isEqualTo("remarked");
            assertThat(af41.path("up_seen").asInt()).isEqualTo(18);
            assertThat(af41.path("down").asText()).isEqualTo("preserved");
            assertThat(r.path("metrics").path("classes_changed_count").asDouble()).as("only AF41").isEqualTo(1.0);
            assertThat(r.path("reason").asText()).isEqualTo("AF41 34: up re-marked to AF21 18 (beyond the router's LAN side), down preserved");
        } finally {
            clearImpairments();
        }
    }

    @Test
    @Order(4)
    void aDroppedSliceOfTheRtpRangeIsReportedAsExactlyThatSlice() throws Exception {
        nft("table ip crdscp_fw {\n  chain block_rtp {\n    type filter hook forward priority 0;\n    udp dport 15000-15999 drop\n  }\n}\n");
        try {
            long start = System.nanoTime();
            JsonNode r = rtpPorts();
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.path("status").asText()).as(r.toString()).isEqualTo("degraded");
            JsonNode ranges = r.path("details").path("blocked_ranges");
            assertThat(ranges).hasSize(1);
            assertThat(ranges.get(0).path("from").asInt()).isEqualTo(15000);
            assertThat(ranges.get(0).path("to").asInt()).isEqualTo(15999);
            assertThat(ranges.get(0).path("exact").asBoolean()).isTrue();
            assertThat(r.path("reason").asText()).startsWith("blocked: 15000-15999 (");
            assertThat(r.path("durationMs").asLong()).as("a check stays fast (its own measure, without the JVM's start)")
                    .isPositive().isLessThan(30_000);
            System.out.printf("rtp_ports, blocked slice: %d ms (process start included), %d ports tested, %d refine rounds%n", ms,
                    r.path("metrics").path("ports_tested_count").asInt(), r.path("details").path("refine_rounds").asInt());

            Path profile = work.resolve("lab-path.yaml");
            Files.writeString(profile, "name: lab-path\nrtp_ports: {from: 10000, to: 20000}\ndscp: {rtp: 46, sip: 26}\n");
            Lab.Result c = lab.exec("site", Lab.java("io.callready.agent.AgentMain", "check", "--profile", profile.toString(),
                    "--sip-host", "sip:" + PROV, "--reflector", PROV, "--router-stamp", ROUTER_LAN_IP + ":862", "--json"), Duration.ofSeconds(90));
            JsonNode doc = Json.newMapper().readTree(c.output());
            JsonNode rtp = null;
            JsonNode marks = null;
            for (JsonNode i : doc.path("items")) {
                if (i.path("id").asText().equals("rtp-ports")) rtp = i;
                if (i.path("id").asText().equals("dscp")) marks = i;
            }
            assertThat(rtp).as(c.output() + c.errors()).isNotNull();
            assertThat(rtp.path("status").asText()).isEqualTo("fail");
            assertThat(rtp.path("evidence").asText()).contains("blocked: 15000-15999");
            assertThat(rtp.path("fix").asText()).contains("allow outbound UDP 10000-20000");
            assertThat(marks.path("status").asText()).as(marks.toString()).isEqualTo("pass");
            System.out.println("lab checklist: " + c.tookMs() + " ms (process start included)");
        } finally {
            clearImpairments();
        }
    }
}
