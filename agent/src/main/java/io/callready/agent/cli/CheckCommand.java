package io.callready.agent.cli;

import io.callready.agent.config.ConfigException;
import io.callready.agent.config.SnmpCredentials;
import io.callready.agent.probe.ProbeContext;
import io.callready.agent.probe.ProbeRegistry;
import io.callready.wire.Json;
import io.callready.wire.plan.JitterBufferSpec;
import io.callready.wire.plan.NatBehaviourSpec;
import io.callready.wire.plan.ProbeSpec;
import io.callready.wire.plan.RtpBurstSpec;
import io.callready.wire.plan.StampReflectorMode;
import io.callready.wire.plan.StampSpec;
import io.callready.wire.plan.UdpEchoSpec;
import io.callready.wire.plan.UdpLifetimeSpec;
import io.callready.wire.result.ProbeResult;
import io.callready.wire.rtp.Codec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "check", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Measure now and print the result: an RTP burst to a CallReady reflector (--reflector),",
                "a STAMP session to a STAMP/TWAMP-light reflector (--stamp), RFC 5780 NAT behaviour against a STUN server (--nat)",
                "or, as a last resort, a UDP echo (--echo);",
                "or list a router's interfaces and their current rates over SNMP (--snmp) to pick the WAN for wan_traffic;",
                "or, with --profile, run a provider's pre-flight checklist (SIP, DNS, TLS, SIP ALG, fragmentation).",
                "Progress goes to stderr, the result to stdout.",
                "Exit status: 0 ok or degraded, 2 failed (reflector not measurable), 3 error (probe could not run), 64 bad arguments."})
final class CheckCommand implements Callable<Integer> {
    /** Results of one-shot checks belong to no enrolled agent. */
    static final String CHECK_AGENT_ID = "local-check";

    @CommandLine.Spec
    CommandSpec spec;

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "0..1")
    Target target;

    static final class Target {
        @Option(names = "--reflector", paramLabel = "HOST:PORT", description = "CallReady reflector: RTP burst, per-direction metrics (HOST[:PORT], default port 5004; with --profile: HOST[:SIP-PORT], default port 5060).")
        String reflector;

        @Option(names = "--stamp", paramLabel = "HOST:PORT", description = "STAMP or TWAMP-light session-reflector (port 862 on most routers).")
        String stamp;

        @Option(names = "--echo", paramLabel = "HOST:PORT", description = "UDP echo service (RFC 862): round-trip metrics only, no MOS.")
        String echo;

        @Option(names = "--nat", paramLabel = "HOST:PORT", description = "STUN server (a CallReady reflector with --stun/--stun-alt, or coturn): RFC 5780 NAT behaviour (HOST[:PORT], default port 3478).")
        String nat;

        @Option(names = "--udp-lifetime", paramLabel = "HOST:PORT", description = "STUN server honouring RESPONSE-PORT: how long the NAT keeps idle UDP mappings, two-way and one-way (HOST[:PORT], default port 3478).")
        String udpLifetime;
    }

    @Option(names = "--snmp", paramLabel = "HOST[:PORT]", description = "List a router's interfaces over SNMP (names, speed, status, current rates) to pick the WAN for wan_traffic; "
            + "with --nat and --snmp-if: read the router's own WAN address (IP-MIB) for the double-NAT verdict.")
    String snmp;

    @Option(names = "--snmp-if", paramLabel = "IFNAME", description = "With --nat --snmp: the router's WAN interface by IF-MIB ifName.")
    String snmpInterface;

    @Option(names = "--snmp-credentials", paramLabel = "NAME", description = "With --snmp: an entry of snmp_credentials in the agent's config (--config).")
    String snmpCredentials;

    @Option(names = {"-c", "--config"}, defaultValue = "/etc/callready/agent.yaml", paramLabel = "FILE",
            description = "With --snmp-credentials: the agent's config file (default: ${DEFAULT-VALUE}).")
    Path configFile;

    @Option(names = "--community", paramLabel = "COMMUNITY", description = "With --snmp: a v2c community.")
    String community;

    @Option(names = "--snmp-user", paramLabel = "USER", description = "With --snmp: a v3 user (authPriv).")
    String snmpUser;

    @Option(names = "--auth-protocol", paramLabel = "sha256|sha384|sha512", converter = Converters.AuthProtocolConverter.class,
            description = "With --snmp-user: SHA-2 authentication (default sha256).")
    SnmpCredentials.AuthProtocol authProtocol;

    @Option(names = "--auth-passphrase", paramLabel = "PASS", description = "With --snmp-user.")
    String authPassphrase;

    @Option(names = "--priv-protocol", paramLabel = "aes128|aes256", converter = Converters.PrivProtocolConverter.class,
            description = "With --snmp-user: AES privacy (default aes128).")
    SnmpCredentials.PrivProtocol privProtocol;

    @Option(names = "--priv-passphrase", paramLabel = "PASS", description = "With --snmp-user.")
    String privPassphrase;

    @Option(names = "--snmp-sample", defaultValue = "2s", converter = Converters.DurationConverter.class, paramLabel = "DURATION",
            description = "With --snmp: time between the two polls the rates come from (default: ${DEFAULT-VALUE}).")
    Duration snmpSample;

    @Option(names = "--stamp-mode", defaultValue = "stateless", converter = Converters.StampModeConverter.class, paramLabel = "MODE",
            description = "With --stamp: stateless (any reflector, round-trip loss) or stateful (loss per direction) (default: ${DEFAULT-VALUE}).")
    StampReflectorMode stampMode;

    @Option(names = "--jitter-buffer", defaultValue = "adaptive:200", converter = Converters.JitterBufferConverter.class,
            paramLabel = "MODE[:MS]", description = "Simulated jitter buffer: fixed:60 or adaptive:200 (default: ${DEFAULT-VALUE}).")
    JitterBufferSpec jitterBuffer;

    @Option(names = "--profile", paramLabel = "NAME|FILE", description = "Run this provider profile's checklist: a built-in name (smartalex, dialstack, 3cx, flowroute, hosted-pbx) or a YAML file.")
    String profile;

    @Option(names = "--sip-host", paramLabel = "URI", description = "With --profile: SIP server to check instead of the profile's, e.g. sip:pbx.example.com.")
    String sipHost;

    @Option(names = "--reflector-rtp-port", paramLabel = "PORT",
            description = "With --profile: the reflector's probe port for the DSCP and RTP port items (default 5004).")
    Integer reflectorRtpPort;

    @Option(names = "--router-stamp", paramLabel = "HOST:PORT",
            description = "With --profile: a STAMP reflector on the site's router; tells a DSCP change on the LAN side from one beyond.")
    String routerStamp;

    @Option(names = "--dns", paramLabel = "HOST:PORT", description = "With --profile: DNS server to ask instead of the system's.")
    String dns;

    @Option(names = "--codec", defaultValue = "pcmu", converter = Converters.CodecConverter.class, paramLabel = "CODEC",
            description = "Codec to imitate: pcmu, pcma, g722, g729, opus (default: ${DEFAULT-VALUE}).")
    Codec codec;

    @Option(names = "--ptime", defaultValue = "20", paramLabel = "MS", description = "Audio per packet: 10, 20, 30 or 40 ms (default: ${DEFAULT-VALUE}).")
    int ptimeMs;

    @Option(names = "--burst", defaultValue = "10s", converter = Converters.DurationConverter.class, paramLabel = "DURATION",
            description = "How long to send, e.g. 10s (default: ${DEFAULT-VALUE}).")
    Duration burst;

    @Option(names = "--dscp", defaultValue = "46", paramLabel = "0-63", description = "DSCP mark, 46 = EF (default: ${DEFAULT-VALUE}).")
    int dscp;

    @Option(names = "--local-port", defaultValue = "0", paramLabel = "PORT",
            description = "With --nat: source port whose preservation to test, e.g. 5060 (default: any).")
    int localPort;

    @Option(names = "--cap", defaultValue = "45s", converter = Converters.DurationConverter.class, paramLabel = "DURATION",
            description = "With --udp-lifetime: longest idle time tried, every 5 s at once (default: ${DEFAULT-VALUE}; the udp_lifetime probe in run mode searches to 1800s).")
    Duration cap;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "With --profile: also write the readiness report (the page the collector shares) to this file; the page names the site after the file.")
    Path report;

    @Option(names = "--calls", paramLabel = "N", description = "With --report: the site's peak concurrent calls, for the bandwidth section.")
    Integer calls;

    @Option(names = "--json", description = "Print the result as JSON (the document the agent ships) instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (profile != null) {
            return ProfileCheck.run(profile, target == null ? null : target.reflector, dns, sipHost, reflectorRtpPort, routerStamp, json,
                    new ProfileCheck.ReportTarget(report, calls), out, err);
        }
        if (report != null || calls != null) {
            err.println("error: --report and --calls need --profile NAME");
            return ExitCodes.USAGE;
        }
        SnmpCheck.Secret secret = new SnmpCheck.Secret(snmpCredentials, configFile, community, snmpUser, authProtocol, authPassphrase,
                privProtocol, privPassphrase);
        if (target == null && snmp != null) {
            return SnmpCheck.run(snmp, secret, snmpSample, out, err);
        }
        if (target == null) {
            err.println("error: one of --reflector, --stamp, --nat, --udp-lifetime, --echo or --snmp is required (or --profile NAME for a provider checklist)");
            return ExitCodes.USAGE;
        }
        if ((snmp != null || snmpInterface != null) && target.nat == null) {
            err.println("error: --snmp lists a router's interfaces on its own, or reads its WAN address with --nat; not with another check");
            return ExitCodes.USAGE;
        }
        ProbeRegistry registry = ProbeRegistry.standard();
        ProbeContext context = new ProbeContext(CHECK_AGENT_ID, Clock.systemUTC(), message -> {
            err.println("… " + message);
            err.flush();
        });
        if (snmp != null || snmpInterface != null) {
            try {
                SnmpCheck.RouterWan wan = SnmpCheck.routerWan(snmp, snmpInterface, secret);
                registry = ProbeRegistry.standard(wan.credentials());
                context = context.withSiteWan(Optional.of(wan.spec()));
            } catch (IllegalArgumentException | ConfigException e) {
                // a config error names its file, line and key itself
                err.println(e instanceof ConfigException ? e.getMessage() : "error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        ProbeSpec probe;
        // a one-shot has no schedule; its interval only labels the result, and plan intervals start at 1 s
        Duration interval = burst.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : burst;
        try {
            if (target.reflector != null) {
                probe = new RtpBurstSpec("check", interval, withDefaultPort(target.reflector, DEFAULT_RTP_PORT), codec, ptimeMs, burst, dscp, jitterBuffer, null);
            } else if (target.nat != null) {
                probe = new NatBehaviourSpec("check", null, withDefaultPort(target.nat, DEFAULT_STUN_PORT), localPort, null);
            } else if (target.udpLifetime != null) {
                probe = new UdpLifetimeSpec("check", Duration.ofHours(24), withDefaultPort(target.udpLifetime, DEFAULT_STUN_PORT), cap,
                        Duration.ofSeconds(5), null, null, true, null, null, null);
            } else if (target.stamp != null) {
                probe = new StampSpec("check", interval, target.stamp, stampMode, codec, ptimeMs, burst, dscp, jitterBuffer, null);
            } else {
                probe = new UdpEchoSpec("check", interval, target.echo, ptimeMs, burst, dscp);
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + asFlags(e.getMessage()));
            return ExitCodes.USAGE;
        }
        ProbeResult result = registry.run(probe, context);
        if (json) {
            out.println(Json.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        } else {
            out.print(ResultTable.render(result));
        }
        out.flush();
        return switch (result.status()) {
            case OK, DEGRADED -> ExitCodes.OK;
            case FAILED -> ExitCodes.PROBE_FAILED;
            case ERROR -> ExitCodes.PROBE_ERROR;
        };
    }

    /** The reflector's RTP port (the reflector's own default), used when --reflector names only a host, as --profile does for SIP. */
    static final int DEFAULT_RTP_PORT = 5004;
    static final int DEFAULT_STUN_PORT = 3478;

    static String withDefaultPort(String hostPort, int port) {
        boolean bareIpv6 = hostPort.startsWith("[") && hostPort.endsWith("]");
        return hostPort.indexOf(':') < 0 || bareIpv6 ? hostPort + ":" + port : hostPort;
    }

    /** The spec speaks in config keys; on the command line the same things are flags. */
    private static String asFlags(String message) {
        return message.replaceFirst("^ptime_ms ", "--ptime ")
                .replaceFirst("^dscp ", "--dscp ")
                .replaceFirst("^burst ", "--burst ")
                .replaceFirst("^reflector ", "--reflector/--stamp ")
                .replaceFirst("^target ", "--echo ")
                .replaceFirst("^server ", "--nat/--udp-lifetime ")
                .replaceFirst("^cap ", "--cap ")
                .replaceFirst("^local_port ", "--local-port ");
    }
}
