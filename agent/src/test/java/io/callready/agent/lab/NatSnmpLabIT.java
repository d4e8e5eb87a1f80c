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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The double-NAT verdict from the site router's own WAN address over SNMP: a real snmpd on the router namespace answers
 * IP-MIB for its wan0, and {@code check --nat --snmp --snmp-if wan0} compares that address with the one the STUN
 * server sees. Behind the lab's 100.64.0.0/10 middle it is carrier-grade NAT; with one NAT, no NAT beyond the router.
 */
class NatSnmpLabIT {
    private static final String PREFIX = "crns";
    private static final String COMMUNITY = "crns-ro-community";
    private static final int STUN_PORT = 3478;

    private Path work;

    @BeforeEach
    void lab() throws Exception {
        String why = Lab.unavailable();
        assumeTrue(why == null, "skipping the NAT SNMP lab: " + why);
        work = Files.createTempDirectory("nat-snmp-lab");
    }

    /** The reflector's STUN server (two addresses, RFC 5780) in the provider namespace and snmpd on the router's LAN side. */
    private void start(Lab lab) throws Exception {
        lab.exec("prov", List.of("ip", "addr", "add", "203.0.113.11/24", "dev", "eth0"), Duration.ofSeconds(5));
        lab.spawn("prov", Lab.java("io.callready.reflector.ReflectorMain", "--port", "5004", "--no-stamp",
                        "--stun", Lab.PROVIDER_IP + ":" + STUN_PORT, "--stun-alt", "203.0.113.11:" + (STUN_PORT + 1)),
                work.resolve("reflector.log"), "STUN server on udp", Duration.ofSeconds(20));
        Path conf = Files.writeString(work.resolve("snmpd.conf"), "agentAddress udp:192.168.1.1:161\nrocommunity " + COMMUNITY
                + " 192.168.1.0/24\n");
        Files.createDirectories(work.resolve("persist"));
        lab.spawn("rtr", List.of("env", "MIBS=", "SNMP_PERSISTENT_DIR=" + work.resolve("persist"), "/usr/sbin/snmpd", "-f", "-C",
                        "-c", conf.toString(), "-p", work.resolve("snmpd.pid").toString(), "-Lo"),
                work.resolve("snmpd.log"), "NET-SNMP version", Duration.ofSeconds(20));
    }

    private static JsonNode check(Lab lab) throws Exception {
        Lab.Result r = lab.exec("site", Lab.java("io.callready.agent.AgentMain", "check", "--json", "--nat", Lab.PROVIDER_IP + ":" + STUN_PORT,
                "--snmp", "192.168.1.1", "--community", COMMUNITY, "--snmp-if", "wan0"), Duration.ofSeconds(120));
        assertThat(r.exit()).as(r.output() + r.errors()).isZero();
        ProbeResult result = Json.newMapper().readValue(r.output(), ProbeResult.class);
        assertThat(ResultRules.check(result, Instant.now(), ResultRules.Window.DEFAULT)).isEmpty();
        assertThat(r.output() + r.errors()).doesNotContain(COMMUNITY);
        return Json.newMapper().readTree(r.output());
    }

    @Test
    void aRouterWanAddressIn100_64IsCarrierGradeNat() throws Exception {
        try (Lab lab = Lab.up(PREFIX, "double-nat")) {
            start(lab);
            JsonNode r = check(lab);
            assertThat(r.path("status").asText()).as(r.toString()).isEqualTo("degraded");
            assertThat(r.path("labels").path("double_nat").asText()).isEqualTo("cgnat");
            assertThat(r.path("details").path("double_nat").path("evidence").asText())
                    .startsWith("router WAN address 100.64.0.2 (snmp) on 192.168.1.1 ifName=wan0 (ifIndex ")
                    .contains("but the internet sees " + Lab.ROUTER_WAN_IP);
            assertThat(r.path("reason").asText()).contains("ask the ISP for a public IPv4 address");
        }
    }

    @Test
    void aRouterHoldingThePublicAddressHasNoNatBeyondIt() throws Exception {
        try (Lab lab = Lab.up(PREFIX)) {
            start(lab);
            JsonNode r = check(lab);
            assertThat(r.path("status").asText()).as(r.toString()).isEqualTo("ok");
            assertThat(r.path("labels").path("double_nat").asText()).isEqualTo("none_seen");
            assertThat(r.path("details").path("double_nat").path("evidence").asText())
                    .startsWith("router WAN address " + Lab.ROUTER_WAN_IP + " (snmp) on 192.168.1.1 ifName=wan0")
                    .contains("no NAT beyond the router");
        }
    }
}
