package io.callready.agent.probe.traffic;

import io.callready.agent.cli.Cli;
import io.callready.agent.config.SnmpCredentials;
import io.callready.wire.plan.SnmpVersion;
import io.callready.wire.plan.TrafficSource;
import io.callready.wire.plan.WanTrafficSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router's own WAN address over SNMP against a real net-snmp snmpd on 127.0.0.1: its IP-MIB tables put 127.0.0.1
 * on {@code lo}, read with the same session code and credentials (v2c and v3) the wan_traffic probe uses.
 */
class SnmpWanAddressIT {
    private static final String AUTH = "crtr-wanaddr-auth-pass";
    private static final String PRIV = "crtr-wanaddr-priv-pass";
    private static final Map<String, SnmpCredentials> CREDENTIALS = Map.of(
            "v2c", new SnmpCredentials(SnmpdPeer.COMMUNITY, null, null, null, null, null),
            "v3", new SnmpCredentials(null, "crtrwan", SnmpCredentials.AuthProtocol.SHA256, AUTH, SnmpCredentials.PrivProtocol.AES128, PRIV),
            "wrong", new SnmpCredentials("crtr-wrong-community", null, null, null, null, null));
    private static SnmpdPeer snmpd;

    @BeforeAll
    static void startSnmpd() throws Exception {
        snmpd = SnmpdPeer.start(List.of(new SnmpdPeer.User("crtrwan", "SHA-256", AUTH, "AES", PRIV)));
    }

    @AfterAll
    static void stopSnmpd() {
        if (snmpd != null) {
            snmpd.close();
        }
    }

    private static WanAddresses read(SnmpVersion version, String credentials, String ifName) {
        WanTrafficSpec spec = new WanTrafficSpec("wan", null, TrafficSource.SNMP, "127.0.0.1", snmpd.port, version, credentials, ifName,
                null, null, null, null, null);
        return new CounterReaders(CREDENTIALS, Path.of("/sys/class/net"), Duration.ofMillis(400), 1).wanAddresses(spec);
    }

    @Test
    void theLoopbackInterfaceHolds127001OverV2cAndV3() throws Exception {
        for (var version : Map.of(SnmpVersion.V2C, "v2c", SnmpVersion.V3, "v3").entrySet()) {
            WanAddresses lo = read(version.getKey(), version.getValue(), "lo");
            assertThat(lo.failure()).as(version.getValue()).isNull();
            assertThat(lo.addresses()).as(version.getValue()).contains((Inet4Address) InetAddress.getByName("127.0.0.1"))
                    .allMatch(a -> !a.isAnyLocalAddress());
            assertThat(lo.where()).isEqualTo("127.0.0.1 ifName=lo (ifIndex 1)");
        }
    }

    @Test
    void anUnknownInterfaceOrAWrongCommunityIsAReasonNotAnAddress() {
        WanAddresses none = read(SnmpVersion.V2C, "v2c", "crtr-no-such-if");
        assertThat(none.addresses()).isEmpty();
        assertThat(none.failure()).startsWith("no interface has ifName 'crtr-no-such-if'; the router has ").contains("'lo'");
        WanAddresses wrong = read(SnmpVersion.V2C, "wrong", "lo");
        assertThat(wrong.addresses()).isEmpty();
        assertThat(wrong.failure()).startsWith("no SNMP answer from 127.0.0.1:" + snmpd.port).doesNotContain("crtr-wrong-community");
        WanAddresses unconfigured = read(SnmpVersion.V2C, "absent", "lo");
        assertThat(unconfigured.failure()).isEqualTo("credentials 'absent' are not in this agent's snmp_credentials");
    }

    @Test
    void checkNatTakesTheRouterOnlyWithItsWanInterface() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(new String[]{"check", "--nat", "127.0.0.1:3478", "--snmp", "127.0.0.1:" + snmpd.port, "--community",
                SnmpdPeer.COMMUNITY}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).isEqualTo(64);
        assertThat(err.toString()).contains("--nat reads the router's WAN address with both --snmp HOST and --snmp-if IFNAME");
        StringWriter err2 = new StringWriter();
        int other = Cli.execute(new String[]{"check", "--echo", "127.0.0.1:7", "--snmp", "127.0.0.1"}, new PrintWriter(out, true),
                new PrintWriter(err2, true));
        assertThat(other).isEqualTo(64);
        assertThat(err2.toString()).contains("--snmp lists a router's interfaces on its own, or reads its WAN address with --nat");
    }
}
