package io.callready.advice.sizing;

import io.callready.wire.rtp.Codec;

/**
 * Bandwidth of one call in one direction on Ethernet: (payload + RTP 12 + UDP 8 + IPv4 20 + Ethernet 18) bytes per
 * packet × packets per second. Ethernet counts header and FCS (14 + 4), not preamble and gap, as the usual tables do:
 * G.711 20 ms → 218 B × 50/s = 87.2 kbit/s, G.729 20 ms → 78 B × 50/s = 31.2 kbit/s.
 */
public final class CallBandwidth {
    public static final int RTP_HEADER_BYTES = 12;
    public static final int UDP_HEADER_BYTES = 8;
    public static final int IPV4_HEADER_BYTES = 20;
    public static final int ETHERNET_HEADER_AND_FCS_BYTES = 18;

    private CallBandwidth() {
    }

    /** Bytes of one packet on the wire (without preamble and inter-frame gap). */
    public static int frameBytes(Codec codec, int ptimeMs) {
        return codec.payloadBytes(ptimeMs) + RTP_HEADER_BYTES + UDP_HEADER_BYTES + IPV4_HEADER_BYTES
                + ETHERNET_HEADER_AND_FCS_BYTES;
    }

    /** kbit/s of one call in one direction. */
    public static double perCallKbps(Codec codec, int ptimeMs) {
        if (ptimeMs < 1) {
            throw new IllegalArgumentException("ptimeMs: must be at least 1, got " + ptimeMs);
        }
        double packetsPerSecond = 1000.0 / ptimeMs;
        return frameBytes(codec, ptimeMs) * 8 * packetsPerSecond / 1000.0;
    }
}
