package io.callready.wire.stamp;

import io.callready.wire.rtp.MalformedPacketException;

import java.nio.ByteBuffer;

/**
 * A STAMP Session-Reflector test packet, unauthenticated mode (RFC 8762 §4.3.1); TWAMP-light reflectors use the
 * same offsets up to the sender TTL (RFC 5357 §4.2.1, 41 bytes before padding):
 *
 * <pre>
 *  0  Sequence Number (u32): the sender's (stateless) or the reflector's own count (stateful)
 *  4  Timestamp T3 (NTP 64)
 * 12  Error Estimate
 * 14  MBZ (2)
 * 16  Receive Timestamp T2 (NTP 64)
 * 24  Session-Sender Sequence Number (u32)
 * 28  Session-Sender Timestamp T1 (NTP 64)
 * 36  Session-Sender Error Estimate
 * 38  MBZ (2)
 * 40  Session-Sender TTL (8 bits; 255 when the reflector cannot read it)
 * 41  MBZ (3)                                → 44 bytes
 * </pre>
 */
public record StampReflectorPacket(long sequence, NtpTimestamp transmitTimestamp, ErrorEstimate errorEstimate,
                                   NtpTimestamp receiveTimestamp, long senderSequence, NtpTimestamp senderTimestamp,
                                   ErrorEstimate senderErrorEstimate, int senderTtl) {
    public static final int LENGTH = 44;
    /** Up to and including the sender TTL: a TWAMP-light reply without padding. */
    public static final int MIN_DECODABLE = 41;
    /** What to put in the TTL field when the socket API does not expose the received TTL. */
    public static final int TTL_UNKNOWN = 255;

    public StampReflectorPacket {
        if (sequence < 0 || sequence > 0xFFFF_FFFFL) throw new IllegalArgumentException("sequence " + sequence);
        if (senderSequence < 0 || senderSequence > 0xFFFF_FFFFL) throw new IllegalArgumentException("senderSequence " + senderSequence);
        if (senderTtl < 0 || senderTtl > 255) throw new IllegalArgumentException("senderTtl " + senderTtl);
    }

    /** Writes the packet at the buffer's position, zero-padded to {@code length} (at least 44) bytes. */
    public void encode(ByteBuffer out, int length) {
        if (length < LENGTH) throw new IllegalArgumentException("a STAMP reflector packet is at least " + LENGTH + " bytes");
        out.putInt((int) sequence);
        transmitTimestamp.write(out);
        out.putShort((short) errorEstimate.encode());
        out.putShort((short) 0);
        receiveTimestamp.write(out);
        out.putInt((int) senderSequence);
        senderTimestamp.write(out);
        out.putShort((short) senderErrorEstimate.encode());
        out.putShort((short) 0);
        out.put((byte) senderTtl);
        for (int i = 41; i < length; i++) {
            out.put((byte) 0);
        }
    }

    public static StampReflectorPacket decode(ByteBuffer in) throws MalformedPacketException {
        if (in.remaining() < MIN_DECODABLE) {
            throw new MalformedPacketException("STAMP reflector packet shorter than " + MIN_DECODABLE + " bytes");
        }
        long seq = in.getInt() & 0xFFFF_FFFFL;
        NtpTimestamp t3 = NtpTimestamp.read(in);
        ErrorEstimate err = ErrorEstimate.decode(in.getShort() & 0xFFFF);
        in.getShort();
        NtpTimestamp t2 = NtpTimestamp.read(in);
        long senderSeq = in.getInt() & 0xFFFF_FFFFL;
        NtpTimestamp t1 = NtpTimestamp.read(in);
        ErrorEstimate senderErr = ErrorEstimate.decode(in.getShort() & 0xFFFF);
        in.getShort();
        int ttl = in.get() & 0xFF;
        return new StampReflectorPacket(seq, t3, err, t2, senderSeq, t1, senderErr, ttl);
    }
}
