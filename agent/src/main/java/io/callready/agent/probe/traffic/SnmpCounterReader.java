package io.callready.agent.probe.traffic;

import io.callready.agent.config.SnmpCredentials;
import io.callready.wire.plan.WanTrafficSpec;
import io.callready.wire.result.ResultStatus;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The WAN interface's IF-MIB counters, read from the router in one GET. The interface is found by the plan's selector
 * once, and found again when the selected column no longer matches at that ifIndex (ifIndex may change when the
 * router restarts). ifHCInOctets/ifHCOutOctets when the router has them, else the 32-bit ifInOctets/ifOutOctets.
 */
final class SnmpCounterReader implements CounterReader {
    private final WanTrafficSpec spec;
    private final SnmpCredentials credentials;
    private final Duration timeout;
    private final int retries;
    private final Clock clock;
    private volatile Integer ifIndex;
    private volatile String interfaceName;

    SnmpCounterReader(WanTrafficSpec spec, SnmpCredentials credentials, Duration timeout, int retries, Clock clock) {
        this.spec = spec;
        this.credentials = credentials;
        this.timeout = timeout;
        this.retries = retries;
        this.clock = clock;
    }

    @Override
    public String target() {
        String name = interfaceName;
        return "snmp:" + spec.host() + "/" + (name != null ? name : spec.interfaceSelector());
    }

    @Override
    public Read read() {
        try (SnmpSession session = SnmpSession.open(spec.host(), spec.port(), spec.version(), credentials, timeout, retries)) {
            for (int attempt = 0; attempt < 2; attempt++) {
                Integer index = ifIndex;
                if (index == null) {
                    InterfaceSelection.Choice choice = choose(session, spec);
                    if (choice.ifIndex() == null) {
                        return Read.failed(ResultStatus.FAILED, choice.problem());
                    }
                    index = choice.ifIndex();
                    ifIndex = index;
                }
                Map<OID, Variable> v = session.get(objects(index));
                // both clocks read together: a result's start and length come from the two
                long atNanos = System.nanoTime();
                Instant at = clock.instant();
                if (!stillSelected(v, index)) {
                    ifIndex = null;
                    continue;
                }
                return snapshot(v, index, atNanos, at, session.endpoint());
            }
            return Read.failed(ResultStatus.FAILED, "the interface " + spec.interfaceSelector() + " keeps changing its ifIndex");
        } catch (SnmpSession.SnmpFailure e) {
            return Read.failed(e.status, e.getMessage());
        }
    }

    /** The ifIndex the spec's selector names on the router now. */
    static InterfaceSelection.Choice choose(SnmpSession session, WanTrafficSpec spec) throws SnmpSession.SnmpFailure {
        if (spec.ifIndex() != null) {
            return InterfaceSelection.byIndex(spec.ifIndex(), texts(session.column(IfMib.IF_DESCR)));
        }
        if (spec.ifName() != null) {
            return InterfaceSelection.byValue("ifName", spec.ifName(), texts(session.column(IfMib.IF_NAME)));
        }
        if (spec.ifDescr() != null) {
            return InterfaceSelection.byValue("ifDescr", spec.ifDescr(), texts(session.column(IfMib.IF_DESCR)));
        }
        return InterfaceSelection.byValue("ifAlias", spec.ifAlias(), texts(session.column(IfMib.IF_ALIAS)));
    }

    private static Map<Integer, String> texts(TreeMap<Integer, Variable> column) {
        Map<Integer, String> out = new TreeMap<>();
        column.forEach((index, value) -> out.put(index, value.toString()));
        return out;
    }

    private static List<OID> objects(int i) {
        return List.of(IfMib.SYS_UP_TIME, IfMib.at(IfMib.IF_NAME, i), IfMib.at(IfMib.IF_DESCR, i), IfMib.at(IfMib.IF_ALIAS, i),
                IfMib.at(IfMib.IF_HC_IN_OCTETS, i), IfMib.at(IfMib.IF_HC_OUT_OCTETS, i), IfMib.at(IfMib.IF_IN_OCTETS, i),
                IfMib.at(IfMib.IF_OUT_OCTETS, i), IfMib.at(IfMib.IF_SPEED, i), IfMib.at(IfMib.IF_HIGH_SPEED, i),
                IfMib.at(IfMib.IF_OPER_STATUS, i), IfMib.at(IfMib.IF_IN_DISCARDS, i), IfMib.at(IfMib.IF_OUT_DISCARDS, i),
                IfMib.at(IfMib.IF_OUT_ERRORS, i), IfMib.at(IfMib.IF_COUNTER_DISCONTINUITY_TIME, i));
    }

    private boolean stillSelected(Map<OID, Variable> v, int i) {
        if (v.get(IfMib.at(IfMib.IF_DESCR, i)) == null) {
            return false;
        }
        if (spec.ifIndex() != null) {
            return true;
        }
        OID column = spec.ifName() != null ? IfMib.IF_NAME : spec.ifDescr() != null ? IfMib.IF_DESCR : IfMib.IF_ALIAS;
        String wanted = spec.ifName() != null ? spec.ifName() : spec.ifDescr() != null ? spec.ifDescr() : spec.ifAlias();
        Variable got = v.get(IfMib.at(column, i));
        return got != null && wanted.equals(got.toString());
    }

    private Read snapshot(Map<OID, Variable> v, int i, long atNanos, Instant at, String endpoint) {
        Variable uptime = v.get(IfMib.SYS_UP_TIME);
        Variable hcIn = v.get(IfMib.at(IfMib.IF_HC_IN_OCTETS, i));
        Variable hcOut = v.get(IfMib.at(IfMib.IF_HC_OUT_OCTETS, i));
        boolean hc = hcIn instanceof Counter64 && hcOut instanceof Counter64;
        Variable in = hc ? hcIn : v.get(IfMib.at(IfMib.IF_IN_OCTETS, i));
        Variable out = hc ? hcOut : v.get(IfMib.at(IfMib.IF_OUT_OCTETS, i));
        Variable oper = v.get(IfMib.at(IfMib.IF_OPER_STATUS, i));
        if (uptime == null || in == null || out == null || oper == null) {
            return Read.failed(ResultStatus.FAILED, "the router at " + endpoint + " does not show sysUpTime, the octet counters and "
                    + "ifOperStatus of ifIndex " + i + " to these credentials (check its view)");
        }
        Variable name = v.get(IfMib.at(IfMib.IF_NAME, i));
        String label = name != null && !name.toString().isEmpty() ? name.toString() : v.get(IfMib.at(IfMib.IF_DESCR, i)).toString();
        interfaceName = label;
        int operValue = oper.toInt();
        return Read.of(new CounterSnapshot(atNanos, at, label, uptime.toLong(),
                number(v.get(IfMib.at(IfMib.IF_COUNTER_DISCONTINUITY_TIME, i))), operValue == 1, IfMib.operStatus(operValue),
                hc ? 64 : 32, in.toLong(), out.toLong(), 32, number(v.get(IfMib.at(IfMib.IF_IN_DISCARDS, i))),
                number(v.get(IfMib.at(IfMib.IF_OUT_DISCARDS, i))), number(v.get(IfMib.at(IfMib.IF_OUT_ERRORS, i))),
                IfMib.portSpeedBps(number(v.get(IfMib.at(IfMib.IF_SPEED, i))), number(v.get(IfMib.at(IfMib.IF_HIGH_SPEED, i))))));
    }

    private static Long number(Variable v) {
        return v == null ? null : v.toLong();
    }
}
