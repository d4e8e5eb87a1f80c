package io.callready.agent.probe.traffic;

import io.callready.wire.result.ResultStatus;

/**
 * Rates from two counter readings, or the reason the pair cannot give one. Pure. A pair is dropped when the
 * counters may have restarted between the reads (sysUpTime went back or is shorter than the sample,
 * ifCounterDiscontinuityTime changed, the counter width changed), when the interface is down, when a 32-bit counter
 * could have wrapped more than once at the port speed, and when the rate would be a jump, not traffic (a reset the
 * device did not announce): never a negative or huge rate. A 64-bit counter wraps after 2^64 octets (years at
 * 1 Tbit/s), so its jumps show as rates above 1 Tbit/s; a 32-bit counter's as rates above twice the port speed. The
 * port speed does not bound a 64-bit sample: virtual WAN interfaces (PPPoE, tunnels, loopback) often report 10 Mbit/s.
 */
public final class CounterDelta {
    private static final double TWO_TO_32 = 0x1p32;
    /**
     * Counters cached by the router (net-snmp: 3 s) and the time of a read make a short sample's rate overshoot a full
     * port; twice the port speed is no such overshoot but a 32-bit counter's jump.
     */
    static final double MAX_PORT_MULTIPLE = 2.0;
    /** Rates beyond 1 Tbit/s are no access line's. */
    static final double MAX_BPS = 1e12;
    /** The router's clock and ours drift apart; an uptime shorter than the sample by more than this is a restart. */
    static final long UPTIME_SLACK_MS = 2_000;
    static final double UPTIME_SLACK_FRACTION = 0.02;

    private CounterDelta() {
    }

    /** What a pair of readings gave. */
    public sealed interface Outcome permits Rates, Dropped {
    }

    /**
     * @param upBps        bits per second sent (site → internet)
     * @param downBps      bits per second received
     * @param sampleMs     length of the sample the rates are averaged over
     * @param inDiscards   delta, null when unknown
     * @param portSpeedBps as the later reading says, null when unknown
     */
    public record Rates(double upBps, double downBps, double sampleMs, Long inDiscards, Long outDiscards, Long outErrors,
                        int counterBits, Long portSpeedBps, String interfaceName) implements Outcome {
    }

    public record Dropped(ResultStatus status, String reason) implements Outcome {
    }

    public static Outcome between(CounterSnapshot before, CounterSnapshot after) {
        long elapsedNanos = after.atNanos() - before.atNanos();
        if (elapsedNanos <= 0) {
            return new Dropped(ResultStatus.ERROR, "the two counter reads were not in time order");
        }
        double elapsedMs = elapsedNanos / 1e6;
        if (!before.operUp() || !after.operUp()) {
            CounterSnapshot down = after.operUp() ? before : after;
            return new Dropped(ResultStatus.FAILED, "interface " + down.interfaceName() + " is " + down.operStatus()
                    + " (operational status), so its counters say nothing about the line");
        }
        String restarted = restart(before, after, elapsedMs);
        if (restarted != null) {
            return new Dropped(ResultStatus.DEGRADED, restarted);
        }
        if (before.counterBits() != after.counterBits()) {
            return new Dropped(ResultStatus.DEGRADED, "the octet counters changed from " + before.counterBits() + " to "
                    + after.counterBits() + " bits between the reads");
        }
        Long speed = after.portSpeedBps();
        if (after.counterBits() == 32 && speed != null) {
            double wrapSeconds = TWO_TO_32 * 8 / speed;
            if (elapsedMs / 1000 >= wrapSeconds) {
                return new Dropped(ResultStatus.DEGRADED, String.format(java.util.Locale.ROOT,
                        "a 32-bit octet counter wraps every %.0f s at the port speed of %d bit/s: a sample of %.0f s cannot tell how "
                                + "often it wrapped (poll faster, or use a router with ifHCInOctets)", wrapSeconds, speed, elapsedMs / 1000));
            }
        }
        double up = octets(before.outOctets(), after.outOctets(), after.counterBits());
        double down = octets(before.inOctets(), after.inOctets(), after.counterBits());
        double upBps = up * 8 / (elapsedMs / 1000);
        double downBps = down * 8 / (elapsedMs / 1000);
        Long bound = after.counterBits() == 32 ? speed : null;
        String implausible = implausible("sent", before.outOctets(), after.outOctets(), upBps, bound);
        if (implausible == null) {
            implausible = implausible("received", before.inOctets(), after.inOctets(), downBps, bound);
        }
        if (implausible != null) {
            return new Dropped(ResultStatus.DEGRADED, implausible);
        }
        return new Rates(upBps, downBps, elapsedMs, count(before.inDiscards(), after.inDiscards(), after.discardBits()),
                count(before.outDiscards(), after.outDiscards(), after.discardBits()),
                count(before.outErrors(), after.outErrors(), after.discardBits()), after.counterBits(), speed, after.interfaceName());
    }

    private static String restart(CounterSnapshot before, CounterSnapshot after, double elapsedMs) {
        if (before.uptimeCentis() != null && after.uptimeCentis() != null) {
            if (after.uptimeCentis() < before.uptimeCentis()) {
                return "sysUpTime went back from " + seconds(before.uptimeCentis()) + " to " + seconds(after.uptimeCentis())
                        + ": the router's SNMP agent restarted during the sample";
            }
            double slack = Math.max(UPTIME_SLACK_MS, elapsedMs * UPTIME_SLACK_FRACTION);
            if (after.uptimeCentis() * 10.0 + slack < elapsedMs) {
                return "sysUpTime " + seconds(after.uptimeCentis()) + " is shorter than the " + Math.round(elapsedMs / 1000)
                        + " s sample: the router's SNMP agent restarted during it";
            }
        }
        if (before.discontinuityMarker() != null && after.discontinuityMarker() != null
                && !before.discontinuityMarker().equals(after.discontinuityMarker())) {
            return "the counters of " + after.interfaceName() + " restarted between the reads (counter discontinuity "
                    + before.discontinuityMarker() + " → " + after.discontinuityMarker() + ")";
        }
        return null;
    }

    private static String implausible(String what, long before, long after, double bps, Long speed) {
        double limit = speed == null ? MAX_BPS : Math.min(MAX_BPS, speed * MAX_PORT_MULTIPLE);
        if (bps <= limit) {
            return null;
        }
        String against = speed == null ? "1 Tbit/s" : "twice the port speed of " + speed + " bit/s";
        return String.format(java.util.Locale.ROOT, "octets %s went from %s to %s, a rate of %.3g bit/s above %s: the counter was "
                + "reset or jumped", what, Long.toUnsignedString(before), Long.toUnsignedString(after), bps, against);
    }

    /** The increase of an unsigned counter of {@code bits} width, assuming at most one wrap. */
    static double octets(long before, long after, int bits) {
        if (bits == 32) {
            return (after - before) & 0xFFFF_FFFFL;
        }
        long d = after - before;
        // unsigned to double, rounded once: halve keeping the sticky bit, then double exactly
        return d >= 0 ? d : ((d >>> 1) | (d & 1)) * 2.0;
    }

    private static Long count(Long before, Long after, int bits) {
        if (before == null || after == null) {
            return null;
        }
        double d = octets(before, after, bits);
        return d > 1e9 ? null : (long) d;
    }

    private static String seconds(long centis) {
        return String.format(java.util.Locale.ROOT, "%.2f s", centis / 100.0);
    }
}
