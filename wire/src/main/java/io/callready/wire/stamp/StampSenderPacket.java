package io.callready.wire.stamp;

import io.callready.wire.rtp.MalformedPacketException;

import java.nio.ByteBuffer;

/**
 * A STAMP Session-Sender test packet, unauthenticated mode (RFC 8762 §4.2.1), which is also the TWAMP-Test
 * sender packet of TWAMP-light (RFC 5357 §4.1.2, Appendix I):
 *
 * <pre>
 *  0  Sequence Number (u32)
 *  4  Timestamp T1 (NTP 64)
 * 12  Error Estimate (16 bits)
 * 14  MBZ, 30 bytes (TWAMP calls it padding)  → 44 bytes
 * </pre>
 */
public record StampSenderPacket(long sequence, NtpTimestamp timestamp, ErrorEstimate errorEstimate) {
    public static final int LENGTH = 44;
    /** Sequence, timestamp and error estimate: what a TWAMP-light sender must send at the least. */
    public static final int MIN_DECODABLE = 14;

    public StampSenderPacket {
        if (sequence < 0 || sequence > 0xFFFF_FFFFL) throw new IllegalArgumentException("sequence " + sequence);
    }

    /** Writes the 44-byte packet at the buffer's position. */
    public void encode(ByteBuffer out) {
        out.putInt((int) sequence);
        timestamp.write(out);
        out.putShort((short) errorEstimate.encode());
        for (int i = 14; i < LENGTH; i++) {
            out.put((byte) 0);
        }
    }

    /** Reads the packet between position and limit; trailing bytes (padding, RFC 8972 TLVs) are left alone. */
    public static StampSenderPacket decode(ByteBuffer in) throws MalformedPacketException {
        if (in.remaining() < MIN_DECODABLE) {
            throw new MalformedPacketException("STAMP sender packet shorter than " + MIN_DECODABLE + " bytes");
        }
        long seq = in.getInt() & 0xFFFF_FFFFL;
        NtpTimestamp t1 = NtpTimestamp.read(in);
        ErrorEstimate err = ErrorEstimate.decode(in.getShort() & 0xFFFF);
        return new StampSenderPacket(seq, t1, err);
    }
}
