package io.callready.agent.probe.traffic;

import io.callready.agent.config.SnmpCredentials;
import io.callready.agent.probe.ProbeContext;
import io.callready.wire.plan.LineRate;
import io.callready.wire.plan.SnmpVersion;
import io.callready.wire.plan.TrafficSource;
import io.callready.wire.plan.WanTrafficSpec;
import io.callready.wire.result.MetricNames;
import io.callready.wire.result.ProbeKind;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.result.ResultRules;
import io.callready.wire.result.ResultStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wan_traffic probe against a real net-snmp snmpd on 127.0.0.1, reading the loopback interface: v2c and v3
 * (SHA-256/AES-128, SHA-512/AES-256), its counters against /sys/class/net/lo over traffic this test sends, and every
 * way a read fails, each a result with a reason that names no secret.
 */
class SnmpWanTrafficIT {
    private static final String AUTH_256 = "crtr-auth-passphrase-256";
    private static final String PRIV_128 = "crtr-priv-passphrase-128";
    private static final String AUTH_512 = "crtr-auth-passphrase-512";
    private static final String PRIV_256 = "crtr-priv-passphrase-256";
    private static final List<String> SECRETS = List.of(SnmpdPeer.COMMUNITY, AUTH_256, PRIV_128, AUTH_512, PRIV_256, "wrong-community",
            "wrong-auth-passphrase");
    private static final Path LO = Path.of("/sys/class/net/lo/statistics");
    private static final ProbeContext CONTEXT = ProbeContext.quiet("5d0c8a4e-7f31-4a7e-9c55-1f8b6f0d2a11");

    private static SnmpdPeer snmpd;

    @BeforeAll
    static void startSnmpd() throws Exception {
        snmpd = SnmpdPeer.start(List.of(new SnmpdPeer.User("crtr256", "SHA-256", AUTH_256, "AES", PRIV_128),
                new SnmpdPeer.User("crtr512", "SHA-512", AUTH_512, "AES-256", PRIV_256)));
    }

    @AfterAll
    static void stopSnmpd() {
        if (snmpd != null) {
            snmpd.close();
        }
    }

    static final Map<String, SnmpCredentials> CREDENTIALS = Map.of(
            "v2c", new SnmpCredentials(SnmpdPeer.COMMUNITY, null, null, null, null, null),
            "v3-256", new SnmpCredentials(null, "crtr256", SnmpCredentials.AuthProtocol.SHA256, AUTH_256, SnmpCredentials.PrivProtocol.AES128, PRIV_128),
            "v3-512", new SnmpCredentials(null, "crtr512", SnmpCredentials.AuthProtocol.SHA512, AUTH_512, SnmpCredentials.PrivProtocol.AES256, PRIV_256),
            "wrong-community", new SnmpCredentials("wrong-community", null, null, null, null, null),
            "wrong-auth", new SnmpCredentials(null, "crtr256", SnmpCredentials.AuthProtocol.SHA256, "wrong-auth-passphrase",
                    SnmpCredentials.PrivProtocol.AES128, PRIV_128),
            "wrong-priv", new SnmpCredentials(null, "crtr256", SnmpCredentials.AuthProtocol.SHA256, AUTH_256,
                    SnmpCredentials.PrivProtocol.AES128, "wrong-priv-passphrase"),
            "unknown-user", new SnmpCredentials(null, "nobody", SnmpCredentials.AuthProtocol.SHA256, AUTH_256,
                    SnmpCredentials.PrivProtocol.AES128, PRIV_128));

    /** Short timeouts: every failing case here must answer within a second or so. */
    static CounterReaders readers() {
        return new CounterReaders(CREDENTIALS, Path.of("/sys/class/net"), Duration.ofMillis(400), 1);
    }

    /** For the reads that must succeed: snmpd pausing on a busy machine is waited for, not read as silence. */
    static CounterReaders patientReaders() {
        return new CounterReaders(CREDENTIALS, Path.of("/sys/class/net"), Duration.ofSeconds(5), 1);
    }

    static WanTrafficSpec spec(SnmpVersion version, String credentials, String ifName, Integer ifIndex, LineRate lineRate) {
        return new WanTrafficSpec("wan", Duration.ofSeconds(60), TrafficSource.SNMP, "127.0.0.1", snmpd.port, version, credentials,
                ifName, null, null, ifIndex, null, lineRate);
    }

    private static long lo(String counter) throws Exception {
        return Long.parseLong(Files.readString(LO.resolve(counter)).strip());
    }

    private static void assertNoSecret(ProbeResult r) {
        String all = r.toString();
        for (String secret : SECRETS) {
            assertThat(all).doesNotContain(secret);
        }
    }

    @Test
    void v2cCountersAgreeWithTheKernelOverTrafficWeSend() throws Exception {
        CounterReader reader = patientReaders().forSpec(spec(SnmpVersion.V2C, "v2c", "lo", null, null), java.time.Clock.systemUTC());
        try (LoopbackLoad load = new LoopbackLoad()) {
            long kernelBefore = lo("tx_bytes");
            CounterReader.Read before = reader.read();
            assertThat(before.ok()).as(before.failure()).isTrue();
            long sent = load.send(4000, 1500);
            // net-snmp reloads its interface container lazily: read again until our traffic shows (or 10 s)
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            CounterDelta.Rates r;
            do {
                Thread.sleep(100);
                CounterReader.Read after = reader.read();
                assertThat(after.ok()).as(after.failure()).isTrue();
                r = (CounterDelta.Rates) CounterDelta.between(before.snapshot(), after.snapshot());
            } while (r.upBps() * r.sampleMs() / 8000 < sent * 0.99 && System.nanoTime() < deadline);
            long kernelAfter = lo("tx_bytes");
            double snmpOctets = r.upBps() * r.sampleMs() / 8000;
            long kernelOctets = kernelAfter - kernelBefore;
            // snmpd reads the same kernel counters, inside the kernel reads: at least our traffic, at most the kernel's delta
            // (other tests share lo); 1 % tolerance for the instants between the reads
            assertThat(snmpOctets).isGreaterThanOrEqualTo(sent * 0.99).isLessThanOrEqualTo(kernelOctets * 1.01);
            assertThat(r.counterBits()).as("net-snmp serves ifHCOutOctets").isEqualTo(64);
            assertThat(r.interfaceName()).isEqualTo("lo");
            // lo: every octet sent is received
            assertThat(r.downBps()).isCloseTo(r.upBps(), org.assertj.core.data.Percentage.withPercentage(1));
        }
    }

    @Test
    void aV2cSampleIsAValidResultWithTheContractMetrics() throws Exception {
        ProbeResult r;
        double elapsedMs;
        try (LoopbackLoad load = new LoopbackLoad()) {
            // about 12 Mbit/s from before the first read until after the last
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread traffic = Thread.ofPlatform().start(() -> {
                try {
                    while (!stop.get()) {
                        load.send(125, 100);
                    }
                } catch (Exception ignored) {
                    // the sample below fails its assertions without the traffic
                }
            });
            long start = System.nanoTime();
            r = WanTrafficProbe.sampleOnce(spec(SnmpVersion.V2C, "v2c", "lo", null, new LineRate(1_000_000_000L, 1_000_000_000L)),
                    patientReaders(), Duration.ofSeconds(1), CONTEXT);
            elapsedMs = (System.nanoTime() - start) / 1e6;
            stop.set(true);
            traffic.join();
        }
        assertThat(r.status()).as(r.reason()).isEqualTo(ResultStatus.OK);
        assertThat(r.kind()).isEqualTo(ProbeKind.WAN_TRAFFIC);
        assertThat(r.target()).isEqualTo("snmp:127.0.0.1/lo");
        assertThat(r.metrics()).containsKeys(MetricNames.UP_BPS, MetricNames.DOWN_BPS, MetricNames.UP_UTILISATION_PCT,
                MetricNames.DOWN_UTILISATION_PCT, MetricNames.LINE_UP_BPS, MetricNames.LINE_DOWN_BPS, MetricNames.PORT_SPEED_BPS,
                MetricNames.IN_DISCARDS, MetricNames.OUT_DISCARDS, MetricNames.OUT_ERRORS, MetricNames.SAMPLE_MS);
        // 1250 × 1228 octets a second run through the sample: about 12 Mbit/s, whatever else runs on lo adds to it
        assertThat(r.metrics().get(MetricNames.UP_BPS)).isGreaterThan(1000 * 1228 * 8 / 1.5);
        assertThat(r.metrics().get(MetricNames.UP_UTILISATION_PCT)).isCloseTo(r.metrics().get(MetricNames.UP_BPS) / 1e7,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.metrics().get(MetricNames.PORT_SPEED_BPS)).as("net-snmp says 10 Mbit/s for lo").isEqualTo(1e7);
        assertThat(r.metrics().get(MetricNames.SAMPLE_MS)).isBetween(1000.0, elapsedMs);
        assertThat(r.labels()).containsEntry("interface", "lo").containsEntry("source", "snmp")
                .containsEntry("line_rate_source", "contracted").containsEntry("counter_bits", "64");
        assertThat(ResultRules.check(r, Instant.now(), ResultRules.Window.DEFAULT)).isEmpty();
        assertNoSecret(r);
    }

    @Test
    void v3WithSha256AndAes128Reads() {
        CounterReader.Read read = patientReaders().forSpec(spec(SnmpVersion.V3, "v3-256", null, 1, null), java.time.Clock.systemUTC()).read();
        assertThat(read.ok()).as(read.failure()).isTrue();
        assertThat(read.snapshot().interfaceName()).isEqualTo("lo");
        assertThat(read.snapshot().operUp()).isTrue();
        assertThat(read.snapshot().uptimeCentis()).isPositive();
    }

    @Test
    void v3WithSha512AndAes256Reads() {
        CounterReader.Read read = patientReaders().forSpec(spec(SnmpVersion.V3, "v3-512", "lo", null, null), java.time.Clock.systemUTC()).read();
        assertThat(read.ok()).as(read.failure()).isTrue();
        assertThat(read.snapshot().counterBits()).isEqualTo(64);
    }

    private static ProbeResult sample(String credentials, SnmpVersion version, String ifName) throws InterruptedException {
        return WanTrafficProbe.sampleOnce(spec(version, credentials, ifName, null, null), readers(), Duration.ofMillis(100), CONTEXT);
    }

    @Test
    void aWrongCommunityIsAFailedResultSayingSoWithoutTheCommunity() throws Exception {
        long start = System.nanoTime();
        ProbeResult r = sample("wrong-community", SnmpVersion.V2C, "lo");
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.reason()).contains("no SNMP answer from 127.0.0.1:" + snmpd.port, "within 800 ms", "a wrong community gets no answer");
        assertThat(r.metrics()).isEmpty();
        assertThat((System.nanoTime() - start) / 1e9).as("timeout 400 ms, one retry").isLessThan(5);
        assertNoSecret(r);
    }

    @Test
    void aWrongAuthPassphraseFailsNamingTheLikelyCause() throws Exception {
        ProbeResult r = sample("wrong-auth", SnmpVersion.V3, "lo");
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.reason()).contains("no SNMP answer", "a wrong auth passphrase or auth protocol for user crtr256");
        assertNoSecret(r);
    }

    @Test
    void aWrongPrivPassphraseFailsWithAReason() throws Exception {
        ProbeResult r = sample("wrong-priv", SnmpVersion.V3, "lo");
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.reason()).isNotBlank().doesNotContain("wrong-priv-passphrase");
        assertNoSecret(r);
    }

    @Test
    void anUnknownUserIsNamed() throws Exception {
        ProbeResult r = sample("unknown-user", SnmpVersion.V3, "lo");
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.reason()).contains("does not know the SNMPv3 user nobody");
        assertNoSecret(r);
    }

    @Test
    void anInterfaceThatMatchesNothingListsWhatThereIs() throws Exception {
        ProbeResult r = sample("v2c", SnmpVersion.V2C, "pppoe-wan");
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.reason()).contains("no interface has ifName 'pppoe-wan'", "1 'lo'", "check --snmp");
        assertThat(r.target()).isEqualTo("snmp:127.0.0.1/ifName=pppoe-wan");
    }

    @Test
    void aMissingIfIndexIsNamed() throws Exception {
        ProbeResult r = WanTrafficProbe.sampleOnce(spec(SnmpVersion.V2C, "v2c", null, 999_999, null), readers(), Duration.ofMillis(100), CONTEXT);
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.reason()).startsWith("the router has no interface with ifIndex 999999; it has 1 'lo'");
    }

    @Test
    void credentialsOfTheWrongKindAreAnErrorBeforeAnyPacket() throws Exception {
        ProbeResult r = sample("v2c", SnmpVersion.V3, "lo");
        assertThat(r.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(r.reason()).contains("version v3 needs a user");
        ProbeResult unknown = sample("not-configured", SnmpVersion.V2C, "lo");
        assertThat(unknown.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(unknown.reason()).contains("credentials 'not-configured' are not in this agent's snmp_credentials");
    }

    @Test
    void anUnreachablePortTimesOut() throws Exception {
        WanTrafficSpec closed = new WanTrafficSpec("wan", null, TrafficSource.SNMP, "127.0.0.1", 9, SnmpVersion.V2C, "v2c", "lo", null, null,
                null, null, null);
        ProbeResult r = WanTrafficProbe.sampleOnce(closed, readers(), Duration.ofMillis(100), CONTEXT);
        assertThat(r.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(r.reason()).contains("127.0.0.1:9");
        assertNoSecret(r);
    }
}
