package io.callready.wire.stamp;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The STAMP Class of Service TLV (RFC 8972 §4.4), which carries a DSCP check in both directions in one exchange:
 * the sender puts the class it wants the reply sent with in DSCP1; the reflector writes the DSCP (and ECN) the test
 * packet arrived with into DSCP2 (and ECN), sends the reply marked with DSCP1 and says in RP whether it did.
 *
 * <pre>
 *  0  Flags (U M I …) | Type = 3 | Length = 4 (u16)
 *  4  DSCP1 (6 bits) | DSCP2 (6 bits) | ECN (2 bits) | RP (2 bits) | Reserved (16 bits)
 * </pre>
 *
 * TLVs follow the 44-byte base packet in both the sender's and the reflector's packet.
 *
 * @param dscp1 the class the reply is to be sent with (sender) / was asked for (reflector)
 * @param dscp2 the class the test packet arrived with (written by the reflector; 0 from the sender)
 * @param ecn   the ECN bits the test packet arrived with
 * @param rp    reverse path: 0 = the reflector used DSCP1 for the reply, 1 = policy kept another mark
 */
public record ClassOfServiceTlv(int flags, int dscp1, int dscp2, int ecn, int rp) {
    public static final int TYPE = 3;
    public static final int VALUE_LENGTH = 4;
    /** Type-length header plus value. */
    public static final int ENCODED_LENGTH = 4 + VALUE_LENGTH;
    /** Flags bit the reflector sets on a TLV it does not understand (RFC 8972 §4.1). */
    public static final int FLAG_UNRECOGNIZED = 0x80;
    /** Flags bit the reflector sets on a TLV whose length does not fit. */
    public static final int FLAG_MALFORMED = 0x40;

    public ClassOfServiceTlv {
        if (dscp1 < 0 || dscp1 > 63 || dscp2 < 0 || dscp2 > 63) throw new IllegalArgumentException("DSCP must be 0..63");
        if (ecn < 0 || ecn > 3 || rp < 0 || rp > 3) throw new IllegalArgumentException("ECN and RP are 2-bit fields");
        if (flags < 0 || flags > 255) throw new IllegalArgumentException("flags are 8 bits");
    }

    /** What a session-sender puts in: the class wanted for the reply, the reflector's fields zero. */
    public static ClassOfServiceTlv request(int replyDscp) {
        return new ClassOfServiceTlv(0, replyDscp, 0, 0, 0);
    }

    /** The reflector's answer to this request: the mark the test packet arrived with, and the class it replies with. */
    public ClassOfServiceTlv reflected(int tosSeen, boolean usedDscp1) {
        return new ClassOfServiceTlv(flags, dscp1, tosSeen >>> 2 & 0x3F, tosSeen & 0x3, usedDscp1 ? 0 : 1);
    }

    public void encode(ByteBuffer out) {
        out.put((byte) flags).put((byte) TYPE).putShort((short) VALUE_LENGTH);
        out.putShort((short) (dscp1 << 10 | dscp2 << 4 | ecn << 2 | rp));
        out.putShort((short) 0);
    }

    /**
     * The first Class of Service TLV after the base packet, if the datagram has one; TLVs of other types are
     * stepped over, and a TLV whose length runs past the datagram ends the search.
     *
     * @param datagram the whole test packet, between position and limit (not moved)
     * @param base     length of the base packet, {@value StampSenderPacket#LENGTH} for both directions
     */
    public static Optional<ClassOfServiceTlv> find(ByteBuffer datagram, int base) {
        return offsetOf(datagram, base).stream().mapToObj(off -> decodeAt(datagram, off)).findFirst();
    }

    /** Offset from the datagram's position of the first Class of Service TLV, or -1. */
    public static OptionalInt offsetOf(ByteBuffer datagram, int base) {
        int start = datagram.position();
        int off = base;
        while (off + 4 <= datagram.remaining()) {
            int type = datagram.get(start + off + 1) & 0xFF;
            int length = datagram.getShort(start + off + 2) & 0xFFFF;
            if (off + 4 + length > datagram.remaining()) {
                break;
            }
            if (type == TYPE && length == VALUE_LENGTH) {
                return OptionalInt.of(off);
            }
            off += 4 + length;
        }
        return OptionalInt.empty();
    }

    private static ClassOfServiceTlv decodeAt(ByteBuffer datagram, int off) {
        int start = datagram.position() + off;
        int value = datagram.getShort(start + 4) & 0xFFFF;
        return new ClassOfServiceTlv(datagram.get(start) & 0xFF, value >>> 10, value >>> 4 & 0x3F, value >>> 2 & 0x3, value & 0x3);
    }
}
