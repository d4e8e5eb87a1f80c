package io.callready.agent.lab.busyhour;

import com.fasterxml.jackson.databind.JsonNode;
import io.callready.agent.lab.Lab;
import io.callready.agent.outbox.Outbox;
import io.callready.wire.Json;
import io.callready.wire.plan.ProbePlan;
import io.callready.wire.result.ProbeResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One busy-hour site built on {@link Lab} with its ISP hop: site ── router (Debian snmpd on its LAN address, v2c and
 * v3) ── ISP hop whose WAN egress is the 2 Mbit/s access line ── provider (CallReady reflector, {@code iperf3 -s},
 * optionally the loss-injecting relay). Offloads are off on every veth. Everything is torn down on close.
 */
final class BusyHourLab implements AutoCloseable {
    static final long LINE_BPS = 2_000_000;
    static final String ROUTER_LAN_IP = "192.168.1.1";
    static final String WAN_IF = "wan0";
    static final String CREDENTIALS_V2C = "lab-router";
    static final String CREDENTIALS_V3 = "lab-router-v3";
    static final String COMMUNITY = "crbh-read";
    static final String V3_USER = "crbh-ops";
    static final String V3_AUTH = "crbh-auth-passphrase";
    static final String V3_PRIV = "crbh-priv-passphrase";
    static final int REFLECTOR_PORT = 5004;
    static final int RELAY_PORT = 5006;

    private final Lab lab;
    private final Path work;

    private BusyHourLab(Lab lab, Path work) {
        this.lab = lab;
        this.work = work;
    }

    /** @param work emptied first: an earlier run's outbox must not mix into this one's results */
    static BusyHourLab up(String prefix, Path work) throws IOException, InterruptedException {
        if (Files.exists(work)) {
            try (var files = Files.walk(work)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
        Files.createDirectories(work);
        Lab lab = Lab.up(prefix, "double-nat");
        BusyHourLab b = new BusyHourLab(lab, work);
        try {
            lab.script("shape", LINE_BPS / 1000 + "kbit");
            b.startSnmpd();
            lab.spawn("prov", Lab.java("io.callready.reflector.ReflectorMain", "--bind", "0.0.0.0", "--port", String.valueOf(REFLECTOR_PORT)),
                    work.resolve("reflector.log"), "reflector listening", Duration.ofSeconds(30));
            lab.spawn("prov", List.of("iperf3", "-s", "-B", Lab.PROVIDER_IP, "--forceflush"), work.resolve("iperf3-server.log"), "Server listening",
                    Duration.ofSeconds(10));
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return b;
    }

    private void startSnmpd() throws IOException, InterruptedException {
        Path conf = work.resolve("snmpd.conf");
        Path state = Files.createDirectories(work.resolve("snmp-state"));
        Files.writeString(conf, String.join("\n",
                "agentAddress udp:" + ROUTER_LAN_IP + ":161,udp:127.0.0.1:161",
                "rocommunity " + COMMUNITY + " 192.168.1.0/24",
                "rwcommunity crbh-write 127.0.0.1",
                "createUser " + V3_USER + " SHA-256 \"" + V3_AUTH + "\" AES \"" + V3_PRIV + "\"",
                "rouser " + V3_USER + " priv",
                "interface " + WAN_IF + " 6 " + LINE_BPS, ""));
        // MIBS= : Debian ships no IETF MIB files; its own state dir would be shared with every other lab's snmpd
        lab.spawn("rtr", List.of("env", "MIBS=", "SNMP_PERSISTENT_DIR=" + state, "snmpd", "-f", "-C", "-c", conf.toString(),
                "-p", work.resolve("snmpd.pid").toString(), "-Lo"), work.resolve("snmpd.log"), "NET-SNMP version", Duration.ofSeconds(10));
        // net-snmp caches the ifTable for 3 s; burst-aligned reads need the counters as they are now
        Lab.Result r = lab.exec("rtr", List.of("snmpset", "-v2c", "-c", "crbh-write", "127.0.0.1",
                ".1.3.6.1.4.1.8072.1.5.3.1.2.1.3.6.1.2.1.2.2", "i", "0"), Duration.ofSeconds(10));
        if (r.exit() != 0) {
            throw new IOException("cannot set snmpd's ifTable cache timeout: " + r.output() + r.errors());
        }
    }

    /** The recipe's QoS control on the router: htb just below the line with a priority class for DSCP EF. */
    void routerPriorityForEf() throws IOException, InterruptedException {
        lab.script("router-ef", LINE_BPS * 95 / 100 / 1000 + "kbit");
    }

    /** Runs a shell snippet (e.g. the rendered {@code linux-tc} advice) in the router namespace; fails on any error. */
    void applyOnRouter(String name, String snippet) throws IOException, InterruptedException {
        Path file = work.resolve(name);
        Files.writeString(file, snippet);
        Lab.Result r = lab.exec("rtr", List.of("sh", "-e", file.toString()), Duration.ofSeconds(20));
        if (r.exit() != 0) {
            throw new IOException(name + " failed in the router namespace (" + r.exit() + "): " + r.output() + r.errors());
        }
    }

    String routerQdiscs() throws IOException, InterruptedException {
        return lab.exec("rtr", List.of("tc", "-s", "qdisc", "show", "dev", WAN_IF), Duration.ofSeconds(10)).output();
    }

    /** A relay on the provider in front of the reflector that drops probe requests of chosen bursts. */
    void startLossRelay(long seed) throws IOException, InterruptedException {
        lab.spawn("prov", Lab.java(LossRelayMain.class.getName(), String.valueOf(RELAY_PORT), "127.0.0.1:" + REFLECTOR_PORT,
                String.valueOf(seed)), work.resolve("relay.log"), LossRelayMain.READY, Duration.ofSeconds(30));
    }

    /** One iperf3 client run from the site to the provider (bounded); returns its JSON report. */
    JsonNode iperf3(List<String> options, Duration limit) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("iperf3", "-c", Lab.PROVIDER_IP, "-J"));
        cmd.addAll(options);
        Lab.Result r = lab.exec("site", cmd, limit);
        JsonNode report = Json.newMapper().readTree(r.output());
        if (r.exit() != 0 || report.has("error")) {
            throw new IOException("iperf3 " + options + " failed (" + r.exit() + "): " + report.path("error").asText(r.errors()));
        }
        return report;
    }

    /** The agent's scheduler running in the site namespace; {@link #results} waits for it to stop. */
    record AgentRun(Process process, Path dir, int seconds) {
        /** Every result the agent queued, oldest first. Fails when one broke the collector's rules (the agent quarantines those). */
        List<ProbeResult> results() throws IOException, InterruptedException {
            if (!process.waitFor(seconds + 40L, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("site agent did not stop after " + seconds + " s: " + Files.readString(dir.resolve("agent.log")));
            }
            if (process.exitValue() != 0) {
                throw new IOException("site agent exited " + process.exitValue() + ": " + Files.readString(dir.resolve("agent.log")));
            }
            return Outbox.open(dir.resolve("state")).oldest(100_000).stream().map(Outbox.Entry::result)
                    .sorted(Comparator.comparing(ProbeResult::startedAt)).toList();
        }
    }

    /** Starts the agent's scheduler with {@code plan} in the site namespace for {@code seconds}; returns once it schedules. */
    AgentRun startAgent(String run, ProbePlan plan, int seconds) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve(run));
        Path planFile = dir.resolve("plan.json");
        Json.newMapper().writeValue(planFile.toFile(), plan);
        Process p = lab.spawn("site", Lab.java(SiteAgentMain.class.getName(), planFile.toString(), dir.resolve("state").toString(),
                String.valueOf(seconds)), dir.resolve("agent.log"), SiteAgentMain.READY, Duration.ofSeconds(60));
        return new AgentRun(p, dir, seconds);
    }

    @Override
    public void close() throws InterruptedException {
        lab.close();
    }
}
