package io.callready.advice.sizing;

import java.util.List;

/**
 * Bandwidth the site's voice needs and the shaper rates that let the router own the queue.
 *
 * @param codec           codec wire name
 * @param ptimeMs         packetisation time
 * @param perCallKbps     one call, one direction, with RTP/UDP/IPv4/Ethernet headers
 * @param calls           peak concurrent calls, null when unknown
 * @param headroom        added on top of calls × per-call (0.10 = 10 %)
 * @param priorityKbps    EF class: calls × per-call × (1 + headroom), rounded up; null when calls are unknown
 * @param signallingKbps  SIP class bandwidth
 * @param shaperUpKbps    upstream shaper, null when neither line rate nor port speed is known
 * @param shaperDownKbps  downstream shaper, null likewise
 * @param shaperFraction  fraction of the line rate the shaper is set to
 * @param lineRateSource  {@code contracted}, {@code port} (shaper from the port speed: replace it) or {@code unknown}
 * @param notes           sentences that qualify the figures (reservable limit, link too small, ...)
 */
public record Sizing(
        String codec,
        int ptimeMs,
        double perCallKbps,
        Integer calls,
        double headroom,
        Double priorityKbps,
        double signallingKbps,
        Double shaperUpKbps,
        Double shaperDownKbps,
        double shaperFraction,
        String lineRateSource,
        List<String> notes) {

    public Sizing {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
