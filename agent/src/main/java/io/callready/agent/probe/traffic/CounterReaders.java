package io.callready.agent.probe.traffic;

import io.callready.agent.config.SnmpCredentials;
import io.callready.wire.plan.TrafficSource;
import io.callready.wire.plan.WanTrafficSpec;
import io.callready.wire.result.ResultStatus;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Makes the counter reader a {@code wan_traffic} spec asks for, with the SNMP secret its {@code credentials} names; reads
 * the router's WAN addresses with the same secret.
 */
public final class CounterReaders {
    private final Map<String, SnmpCredentials> credentials;
    private final Path sysClassNet;
    private final Duration snmpTimeout;
    private final int snmpRetries;

    public CounterReaders(Map<String, SnmpCredentials> credentials, Path sysClassNet, Duration snmpTimeout, int snmpRetries) {
        this.credentials = Map.copyOf(credentials);
        this.sysClassNet = sysClassNet;
        this.snmpTimeout = snmpTimeout;
        this.snmpRetries = snmpRetries;
    }

    /** The agent's readers: credentials from its config, the host's sysfs, 1.5 s SNMP timeout with one retry. */
    public CounterReaders(Map<String, SnmpCredentials> credentials) {
        this(credentials, LocalCounterReader.SYS_CLASS_NET, SnmpSession.DEFAULT_TIMEOUT, SnmpSession.DEFAULT_RETRIES);
    }

    public CounterReader forSpec(WanTrafficSpec spec, Clock clock) {
        if (spec.source() == TrafficSource.LOCAL) {
            return new LocalCounterReader(sysClassNet, spec.iface(), clock);
        }
        SnmpCredentials secret = credentials.get(spec.credentials());
        if (secret == null) {
            return new Unconfigured(spec);
        }
        return new SnmpCounterReader(spec, secret, snmpTimeout, snmpRetries, clock);
    }

    /** The router's IPv4 addresses on the spec's WAN interface (IP-MIB), with the spec's credentials; a local spec has none to read. */
    public WanAddresses wanAddresses(WanTrafficSpec spec) {
        SnmpCredentials secret = credentials.get(spec.credentials());
        return secret == null ? WanAddresses.unconfigured(spec) : WanAddresses.read(spec, secret, snmpTimeout, snmpRetries);
    }

    /** A plan naming credentials this agent does not hold: the probe cannot run until the agent's config has them. */
    private record Unconfigured(WanTrafficSpec spec) implements CounterReader {
        @Override
        public Read read() {
            return Read.failed(ResultStatus.ERROR, "credentials '" + spec.credentials() + "' are not in this agent's snmp_credentials "
                    + "(add them to the agent's config file)");
        }

        @Override
        public String target() {
            return "snmp:" + spec.host() + "/" + spec.interfaceSelector();
        }
    }
}
