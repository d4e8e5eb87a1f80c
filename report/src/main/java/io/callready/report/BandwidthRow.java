package io.callready.report;

import io.callready.advice.Figures;

/**
 * Bandwidth the declared concurrent calls need with one codec, per direction, from advice's per-call sizing.
 *
 * @param codec           the profile's codec name
 * @param perCallKbps     one call, one direction, with RTP/UDP/IPv4/Ethernet headers at 20 ms
 * @param calls           declared peak concurrent calls, null when not declared
 * @param totalKbps       calls × per call × (1 + headroom), null when calls are unknown
 * @param profileKbps     what the provider's profile states per call, null when it states nothing
 */
public record BandwidthRow(String codec, double perCallKbps, Integer calls, Double totalKbps, Integer profileKbps) {

    public String perCallText() {
        return Figures.number(perCallKbps) + " kbit/s";
    }

    /** "–" when no calls are declared. */
    public String totalText() {
        return totalKbps == null ? "–" : Figures.number(totalKbps) + " kbit/s";
    }
}
