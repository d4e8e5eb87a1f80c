package io.callready.agent.cli;

import io.callready.agent.config.AgentConfig;
import io.callready.agent.config.ConfigException;
import io.callready.agent.config.ConfigLoader;
import io.callready.agent.config.SnmpCredentials;
import io.callready.agent.probe.traffic.CounterDelta;
import io.callready.agent.probe.traffic.InterfaceListing;
import io.callready.wire.plan.HostPort;
import io.callready.wire.plan.SnmpVersion;
import io.callready.wire.plan.TrafficSource;
import io.callready.wire.plan.WanTrafficSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code check --snmp HOST}: the router's interfaces with names, speeds, status and current rates, to pick the WAN port. */
final class SnmpCheck {
    static final Duration TIMEOUT = Duration.ofMillis(1500);
    /** The name the command line's secret goes by in the one-shot's credential map. */
    private static final String CHECK_CREDENTIALS = "check";

    private SnmpCheck() {
    }

    /** Where the SNMP secret comes from: a named entry of the agent's config, or the command line. */
    record Secret(String credentialsName, Path configFile, String community, String user, SnmpCredentials.AuthProtocol auth,
                  String authPassphrase, SnmpCredentials.PrivProtocol priv, String privPassphrase) {
    }

    static int run(String target, Secret secret, Duration between, PrintWriter out, PrintWriter err) {
        HostPort hostPort;
        try {
            hostPort = HostPort.parse(CheckCommand.withDefaultPort(target, WanTrafficSpec.DEFAULT_SNMP_PORT));
        } catch (IllegalArgumentException e) {
            err.println("error: --snmp " + e.getMessage());
            return ExitCodes.USAGE;
        }
        SnmpCredentials credentials;
        try {
            credentials = credentials(secret);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        SnmpVersion version = credentials.isV3() ? SnmpVersion.V3 : SnmpVersion.V2C;
        err.println("… polling " + hostPort + " (" + version.wireName() + ") twice, " + between.toMillis() + " ms apart");
        err.flush();
        InterfaceListing.Listing listing = InterfaceListing.list(hostPort.host(), hostPort.port(), version, credentials, between, TIMEOUT, 1);
        if (listing.failure() != null) {
            err.println("error: " + listing.failure());
            return switch (listing.status()) {
                case ERROR -> ExitCodes.PROBE_ERROR;
                default -> ExitCodes.PROBE_FAILED;
            };
        }
        out.print(render(hostPort.toString(), version, listing));
        out.flush();
        return ExitCodes.OK;
    }

    /** The router {@code check --nat --snmp HOST --snmp-if IFNAME} asks for its WAN address, as a plan's wan_traffic would name it. */
    record RouterWan(WanTrafficSpec spec, Map<String, SnmpCredentials> credentials) {
    }

    static RouterWan routerWan(String target, String ifName, Secret secret) throws ConfigException {
        if (target == null || ifName == null) {
            throw new IllegalArgumentException("--nat reads the router's WAN address with both --snmp HOST and --snmp-if IFNAME (check --snmp HOST lists them)");
        }
        HostPort hostPort;
        try {
            hostPort = HostPort.parse(CheckCommand.withDefaultPort(target, WanTrafficSpec.DEFAULT_SNMP_PORT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--snmp " + e.getMessage());
        }
        SnmpCredentials credentials = credentials(secret);
        SnmpVersion version = credentials.isV3() ? SnmpVersion.V3 : SnmpVersion.V2C;
        try {
            WanTrafficSpec spec = new WanTrafficSpec("check-wan", null, TrafficSource.SNMP, hostPort.host(), hostPort.port(), version,
                    CHECK_CREDENTIALS, ifName, null, null, null, null, null);
            return new RouterWan(spec, Map.of(CHECK_CREDENTIALS, credentials));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--snmp-if " + e.getMessage());
        }
    }

    private static SnmpCredentials credentials(Secret s) throws ConfigException {
        if (s.credentialsName() != null) {
            AgentConfig config = new ConfigLoader().load(s.configFile());
            SnmpCredentials c = config.snmpCredentials().get(s.credentialsName());
            if (c == null) {
                throw new IllegalArgumentException("--snmp-credentials '" + s.credentialsName() + "' is not an entry of snmp_credentials in "
                        + s.configFile());
            }
            return c;
        }
        if (s.community() == null && s.user() == null) {
            throw new IllegalArgumentException("--snmp needs --snmp-credentials NAME (from the agent's config), --community, or --snmp-user "
                    + "with --auth-passphrase and --priv-passphrase");
        }
        return new SnmpCredentials(s.community(), s.user(), s.auth(), s.authPassphrase(), s.priv(), s.privPassphrase());
    }

    static String render(String endpoint, SnmpVersion version, InterfaceListing.Listing listing) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"ifIndex", "ifName", "ifDescr", "ifAlias", "speed", "status", "in (down)", "out (up)"});
        List<String> notes = new ArrayList<>();
        for (InterfaceListing.Row r : listing.rows()) {
            String in = "-";
            String out = "-";
            if (r.rates() instanceof CounterDelta.Rates rates) {
                in = rate(rates.downBps());
                out = rate(rates.upBps());
            } else if (r.rates() instanceof CounterDelta.Dropped d && r.operStatus().equals("up")) {
                notes.add("ifIndex " + r.ifIndex() + ": no rate, " + d.reason());
            }
            rows.add(new String[]{Integer.toString(r.ifIndex()), blank(r.ifName()), blank(r.ifDescr()), blank(r.ifAlias()),
                    r.speedBps() == null ? "-" : rate(r.speedBps()), r.operStatus(), in, out});
        }
        int[] width = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("SNMP ").append(version.wireName()).append(' ').append(endpoint).append(": ").append(listing.rows().size())
                .append(listing.rows().size() == 1 ? " interface" : " interfaces")
                .append(String.format(Locale.ROOT, ", rates over %.1f s (up = out of the port, down = into it)%n", listing.sampleSeconds()));
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(String.format("%-" + (width[c] + 2) + "s", row[c]));
            }
            b.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        notes.forEach(n -> b.append(n).append(System.lineSeparator()));
        b.append("Choose the WAN in the plan by ifName (stable across restarts), e.g. kind: wan_traffic, ifName: ...").append(System.lineSeparator());
        return b.toString();
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    static String rate(double bps) {
        if (bps >= 1e9) return String.format(Locale.ROOT, "%.2f Gbit/s", bps / 1e9);
        if (bps >= 1e6) return String.format(Locale.ROOT, "%.2f Mbit/s", bps / 1e6);
        if (bps >= 1e3) return String.format(Locale.ROOT, "%.1f kbit/s", bps / 1e3);
        return String.format(Locale.ROOT, "%.0f bit/s", bps);
    }
}
