package io.callready.agent.probe.traffic;

import io.callready.agent.config.SnmpCredentials;
import io.callready.wire.plan.SnmpVersion;
import io.callready.wire.result.ResultStatus;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Variable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every interface a router shows, with its names, speed, status and current rates from two polls {@code between}
 * apart: what a technician reads to pick the WAN port for a {@code wan_traffic} probe.
 */
public final class InterfaceListing {
    private InterfaceListing() {
    }

    /** @param rates the in/out rates over the two polls, or why there are none (a reset, a 32-bit wrap, down) */
    public record Row(int ifIndex, String ifName, String ifDescr, String ifAlias, Long speedBps, String operStatus,
                      CounterDelta.Outcome rates) {
    }

    /** The rows, or the status and reason of a router that could not be listed. */
    public record Listing(List<Row> rows, double sampleSeconds, ResultStatus status, String failure) {
    }

    public static Listing list(String host, int port, SnmpVersion version, SnmpCredentials credentials, Duration between,
                               Duration timeout, int retries) {
        try (SnmpSession session = SnmpSession.open(host, port, version, credentials, timeout, retries)) {
            Map<Integer, String> descr = texts(session.column(IfMib.IF_DESCR));
            Map<Integer, String> name = texts(session.column(IfMib.IF_NAME));
            Map<Integer, String> alias = texts(session.column(IfMib.IF_ALIAS));
            Map<Integer, Variable> speed = session.column(IfMib.IF_SPEED);
            Map<Integer, Variable> highSpeed = session.column(IfMib.IF_HIGH_SPEED);
            Map<Integer, Variable> oper = session.column(IfMib.IF_OPER_STATUS);
            Map<Integer, CounterSnapshot> first = counters(session, descr, name, oper, speed, highSpeed);
            try {
                Thread.sleep(between);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Listing(List.of(), 0, ResultStatus.ERROR, "interrupted");
            }
            Map<Integer, CounterSnapshot> second = counters(session, descr, name, oper, speed, highSpeed);
            List<Row> rows = new ArrayList<>();
            for (Map.Entry<Integer, String> d : descr.entrySet()) {
                int i = d.getKey();
                CounterSnapshot a = first.get(i);
                CounterSnapshot b = second.get(i);
                CounterDelta.Outcome rates = a == null || b == null
                        ? new CounterDelta.Dropped(ResultStatus.FAILED, "no octet counters") : CounterDelta.between(a, b);
                Variable status = oper.get(i);
                rows.add(new Row(i, name.get(i), d.getValue(), alias.get(i), portSpeed(speed.get(i), highSpeed.get(i)),
                        status == null ? "?" : IfMib.operStatus(status.toInt()), rates));
            }
            return new Listing(rows, between.toMillis() / 1000.0, ResultStatus.OK, null);
        } catch (SnmpSession.SnmpFailure e) {
            return new Listing(List.of(), 0, e.status, e.getMessage());
        }
    }

    private static Map<Integer, CounterSnapshot> counters(SnmpSession session, Map<Integer, String> descr, Map<Integer, String> name,
                                                          Map<Integer, Variable> oper, Map<Integer, Variable> speed,
                                                          Map<Integer, Variable> highSpeed) throws SnmpSession.SnmpFailure {
        Variable uptime = session.get(List.of(IfMib.SYS_UP_TIME)).get(IfMib.SYS_UP_TIME);
        Map<Integer, Variable> hcIn = session.column(IfMib.IF_HC_IN_OCTETS);
        Map<Integer, Variable> hcOut = session.column(IfMib.IF_HC_OUT_OCTETS);
        Map<Integer, Variable> in = session.column(IfMib.IF_IN_OCTETS);
        Map<Integer, Variable> out = session.column(IfMib.IF_OUT_OCTETS);
        long atNanos = System.nanoTime();
        Map<Integer, CounterSnapshot> snapshots = new TreeMap<>();
        for (int i : descr.keySet()) {
            boolean hc = hcIn.get(i) instanceof Counter64 && hcOut.get(i) instanceof Counter64;
            Variable rx = hc ? hcIn.get(i) : in.get(i);
            Variable tx = hc ? hcOut.get(i) : out.get(i);
            if (rx == null || tx == null) {
                continue;
            }
            Variable status = oper.get(i);
            String label = name.getOrDefault(i, descr.get(i));
            snapshots.put(i, new CounterSnapshot(atNanos, Instant.now(), label, uptime == null ? null : uptime.toLong(), null,
                    status != null && status.toInt() == 1, status == null ? "?" : IfMib.operStatus(status.toInt()), hc ? 64 : 32,
                    rx.toLong(), tx.toLong(), 32, null, null, null, portSpeed(speed.get(i), highSpeed.get(i))));
        }
        return snapshots;
    }

    private static Long portSpeed(Variable speed, Variable highSpeed) {
        return IfMib.portSpeedBps(speed == null ? null : speed.toLong(), highSpeed == null ? null : highSpeed.toLong());
    }

    private static Map<Integer, String> texts(TreeMap<Integer, Variable> column) {
        Map<Integer, String> out = new TreeMap<>();
        column.forEach((i, v) -> out.put(i, v.toString()));
        return out;
    }
}
