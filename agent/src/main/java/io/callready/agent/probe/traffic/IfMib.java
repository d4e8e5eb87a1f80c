package io.callready.agent.probe.traffic;

import org.snmp4j.smi.OID;

/** The IF-MIB (RFC 2863) and SNMPv2-MIB objects the probe reads, by number: routers ship no MIB files to resolve names. */
final class IfMib {
    private IfMib() {
    }

    static final OID SYS_UP_TIME = new OID("1.3.6.1.2.1.1.3.0");
    static final OID IF_DESCR = new OID("1.3.6.1.2.1.2.2.1.2");
    static final OID IF_SPEED = new OID("1.3.6.1.2.1.2.2.1.5");
    static final OID IF_OPER_STATUS = new OID("1.3.6.1.2.1.2.2.1.8");
    static final OID IF_IN_OCTETS = new OID("1.3.6.1.2.1.2.2.1.10");
    static final OID IF_IN_DISCARDS = new OID("1.3.6.1.2.1.2.2.1.13");
    static final OID IF_OUT_OCTETS = new OID("1.3.6.1.2.1.2.2.1.16");
    static final OID IF_OUT_DISCARDS = new OID("1.3.6.1.2.1.2.2.1.19");
    static final OID IF_OUT_ERRORS = new OID("1.3.6.1.2.1.2.2.1.20");
    static final OID IF_NAME = new OID("1.3.6.1.2.1.31.1.1.1.1");
    static final OID IF_HC_IN_OCTETS = new OID("1.3.6.1.2.1.31.1.1.1.6");
    static final OID IF_HC_OUT_OCTETS = new OID("1.3.6.1.2.1.31.1.1.1.10");
    /** Mbit/s; read when ifSpeed saturates at 4 294 967 295 (ports of 4.3 Gbit/s and more). */
    static final OID IF_HIGH_SPEED = new OID("1.3.6.1.2.1.31.1.1.1.15");
    static final OID IF_ALIAS = new OID("1.3.6.1.2.1.31.1.1.1.18");
    static final OID IF_COUNTER_DISCONTINUITY_TIME = new OID("1.3.6.1.2.1.31.1.1.1.19");
    /** ifSpeed's "this port is faster than a Gauge32 can say" value. */
    static final long IF_SPEED_SATURATED = 4_294_967_295L;

    static OID at(OID column, int ifIndex) {
        return new OID(column).append(ifIndex);
    }

    /** RFC 2863 ifOperStatus names, 1..7. */
    static String operStatus(int value) {
        return switch (value) {
            case 1 -> "up";
            case 2 -> "down";
            case 3 -> "testing";
            case 4 -> "unknown";
            case 5 -> "dormant";
            case 6 -> "notPresent";
            case 7 -> "lowerLayerDown";
            default -> "status " + value;
        };
    }

    /** The port speed in bit/s from ifSpeed, or ifHighSpeed when ifSpeed is saturated; null when the router does not know. */
    static Long portSpeedBps(Long ifSpeed, Long ifHighSpeedMbps) {
        if (ifSpeed != null && ifSpeed > 0 && ifSpeed < IF_SPEED_SATURATED) {
            return ifSpeed;
        }
        if (ifHighSpeedMbps != null && ifHighSpeedMbps > 0) {
            return ifHighSpeedMbps * 1_000_000;
        }
        return ifSpeed != null && ifSpeed > 0 ? ifSpeed : null;
    }
}
