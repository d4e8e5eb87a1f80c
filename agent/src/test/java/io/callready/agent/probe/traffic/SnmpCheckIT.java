package io.callready.agent.probe.traffic;

import io.callready.agent.cli.Cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code callready-agent check --snmp} against a real snmpd: the interface table a technician picks the WAN from. */
class SnmpCheckIT {
    private static final String AUTH = "crtr-check-auth-pass";
    private static final String PRIV = "crtr-check-priv-pass";
    private static SnmpdPeer snmpd;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void startSnmpd() throws Exception {
        snmpd = SnmpdPeer.start(List.of(new SnmpdPeer.User("crtrcheck", "SHA-256", AUTH, "AES", PRIV)));
    }

    @AfterAll
    static void stopSnmpd() {
        if (snmpd != null) {
            snmpd.close();
        }
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aV2cCommunityListsTheInterfacesWithRates() {
        Run r = cli("check", "--snmp", "127.0.0.1:" + snmpd.port, "--community", SnmpdPeer.COMMUNITY, "--snmp-sample", "1s");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("SNMP v2c 127.0.0.1:" + snmpd.port, "rates over 1.0 s", "ifIndex", "ifName", "ifDescr", "ifAlias",
                "speed", "status", "in (down)", "out (up)");
        assertThat(r.out().lines().filter(l -> l.matches("1\\s+lo\\s+lo\\s+-\\s+10.00 Mbit/s\\s+up\\s+\\S.*bit/s\\s+\\S.*bit/s")))
                .as(r.out()).hasSize(1);
        assertThat(r.out() + r.err()).doesNotContain(SnmpdPeer.COMMUNITY);
    }

    @Test
    void namedCredentialsComeFromTheAgentConfigAndStaySecret(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, """
                agent:
                  id: 5d0c8a4e-7f31-4a7e-9c55-1f8b6f0d2a11
                collector:
                  url: https://collector.example.net
                  token: t0ken
                snmp_credentials:
                  router:
                    user: crtrcheck
                    auth_protocol: sha256
                    auth_passphrase: %s
                    priv_protocol: aes128
                    priv_passphrase: %s
                """.formatted(AUTH, PRIV));
        Run r = cli("check", "--snmp", "127.0.0.1:" + snmpd.port, "--snmp-credentials", "router", "--config", config.toString(),
                "--snmp-sample", "500ms");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("SNMP v3 127.0.0.1:" + snmpd.port).containsPattern("(?m)^1\\s+lo\\s");
        assertThat(r.out() + r.err()).doesNotContain(AUTH).doesNotContain(PRIV);

        Run check = cli("config", "check", config.toString());
        assertThat(check.exit()).isZero();
        assertThat(check.out().strip()).isEqualTo("OK: 0 probes, 1 snmp credentials (router)");
        assertThat(check.out() + check.err()).doesNotContain(AUTH).doesNotContain(PRIV);

        Run unknown = cli("check", "--snmp", "127.0.0.1:" + snmpd.port, "--snmp-credentials", "nope", "--config", config.toString());
        assertThat(unknown.exit()).isEqualTo(64);
        assertThat(unknown.err()).contains("--snmp-credentials 'nope' is not an entry of snmp_credentials");
    }

    @Test
    void aWrongCommunityExitsFailedWithTheReasonAndNoSecret() {
        Run r = cli("check", "--snmp", "127.0.0.1:" + snmpd.port, "--community", "crtr-wrong-community", "--snmp-sample", "100ms");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no SNMP answer from 127.0.0.1:" + snmpd.port, "a wrong community gets no answer");
        assertThat(r.out() + r.err()).doesNotContain("crtr-wrong-community");
    }

    @Test
    void withoutCredentialsItSaysWhatIsNeeded() {
        Run r = cli("check", "--snmp", "127.0.0.1:" + snmpd.port);
        assertThat(r.exit()).isEqualTo(64);
        assertThat(r.err()).contains("--snmp needs --snmp-credentials NAME");
        Run md5 = cli("check", "--snmp", "127.0.0.1", "--snmp-user", "u", "--auth-protocol", "md5");
        assertThat(md5.exit()).isEqualTo(64);
        assertThat(md5.err()).contains("auth_protocol must be sha256, sha384 or sha512").doesNotContain("Exception");
    }
}
