package io.callready.wire.rtp;

import java.nio.ByteBuffer;

/**
 * The fixed RTP header (RFC 3550 §5.1). Only version 2 is accepted; CSRCs and one header extension are
 * skipped when locating the payload.
 *
 * @param sequence  16-bit sequence number, 0..65535
 * @param timestamp 32-bit media timestamp, kept in a long as unsigned
 * @param ssrc      32-bit synchronisation source, kept in a long as unsigned
 */
public record RtpHeader(boolean marker, int payloadType, int sequence, long timestamp, long ssrc) {
    public static final int FIXED_LENGTH = 12;

    public RtpHeader {
        if (payloadType < 0 || payloadType > 127) throw new IllegalArgumentException("payload type " + payloadType);
        if (sequence < 0 || sequence > 0xFFFF) throw new IllegalArgumentException("sequence " + sequence);
        if (timestamp < 0 || timestamp > 0xFFFF_FFFFL) throw new IllegalArgumentException("timestamp " + timestamp);
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) throw new IllegalArgumentException("ssrc " + ssrc);
    }

    /** Writes the 12-byte header at the buffer's position (no CSRC, no extension). */
    public void write(ByteBuffer out) {
        out.put((byte) 0x80);
        out.put((byte) ((marker ? 0x80 : 0) | payloadType));
        out.putShort((short) sequence);
        out.putInt((int) timestamp);
        out.putInt((int) ssrc);
    }

    /**
     * Reads a header from the buffer's position and leaves the position at the payload.
     *
     * @throws MalformedPacketException when the bytes are not an RTP v2 packet
     */
    public static RtpHeader read(ByteBuffer in) throws MalformedPacketException {
        if (in.remaining() < FIXED_LENGTH) throw new MalformedPacketException("shorter than an RTP header");
        int b0 = in.get() & 0xFF;
        if ((b0 >>> 6) != 2) throw new MalformedPacketException("RTP version " + (b0 >>> 6) + ", expected 2");
        int b1 = in.get() & 0xFF;
        int seq = in.getShort() & 0xFFFF;
        long ts = in.getInt() & 0xFFFF_FFFFL;
        long ssrc = in.getInt() & 0xFFFF_FFFFL;
        int csrcBytes = (b0 & 0x0F) * 4;
        if (in.remaining() < csrcBytes) throw new MalformedPacketException("CSRC list runs past the packet");
        in.position(in.position() + csrcBytes);
        if ((b0 & 0x10) != 0) {
            if (in.remaining() < 4) throw new MalformedPacketException("header extension runs past the packet");
            in.getShort();
            int extBytes = (in.getShort() & 0xFFFF) * 4;
            if (in.remaining() < extBytes) throw new MalformedPacketException("header extension runs past the packet");
            in.position(in.position() + extBytes);
        }
        return new RtpHeader((b1 & 0x80) != 0, b1 & 0x7F, seq, ts, ssrc);
    }
}
