package io.callready.agent.probe.traffic;

import java.time.Instant;

/**
 * One reading of an interface's counters, from the router (IF-MIB) or from the agent's own NIC (sysfs).
 *
 * @param atNanos             {@link System#nanoTime()} when the answer arrived; rates are over the difference
 * @param at                  wall clock of the same moment
 * @param interfaceName       the interface as the result labels it (ifName, else ifDescr; the NIC name)
 * @param uptimeCentis        sysUpTime in hundredths of a second; null for the local source
 * @param discontinuityMarker changes whenever the counters may have restarted: ifCounterDiscontinuityTime, or the
 *                            NIC's ifindex (a recreated interface); null when the source has none
 * @param operUp              ifOperStatus up (local: operstate other than down)
 * @param operStatus          the status as the source says it, for the reason when down
 * @param counterBits         64 for ifHC* and sysfs, 32 for ifInOctets/ifOutOctets
 * @param inOctets            received octets (down), unsigned in {@code counterBits}
 * @param outOctets           sent octets (up), unsigned in {@code counterBits}
 * @param discardBits         width of the discard and error counters (32 for IF-MIB, 64 for sysfs)
 * @param inDiscards          null when the source does not report it
 * @param portSpeedBps        ifSpeed / ifHighSpeed or the NIC's link speed; null when unknown
 */
public record CounterSnapshot(long atNanos, Instant at, String interfaceName, Long uptimeCentis, Long discontinuityMarker,
                              boolean operUp, String operStatus, int counterBits, long inOctets, long outOctets,
                              int discardBits, Long inDiscards, Long outDiscards, Long outErrors, Long portSpeedBps) {

    public CounterSnapshot {
        if (counterBits != 32 && counterBits != 64) {
            throw new IllegalArgumentException("counterBits must be 32 or 64, got " + counterBits);
        }
        if (discardBits != 32 && discardBits != 64) {
            throw new IllegalArgumentException("discardBits must be 32 or 64, got " + discardBits);
        }
    }
}
