package io.callready.wire.rtp;

import java.nio.ByteBuffer;

/**
 * The CallReady RTP probe protocol. Every packet is a real RTP v2 packet; the first bytes of its payload
 * carry the probe fields, the rest is zero padding up to the codec's payload size.
 *
 * <pre>
 * payload offset  request (1)        reply (2)                      stats request (3) stats reply (4)
 *  0..1           'C' 'R'            'C' 'R'                        'C' 'R'           'C' 'R'
 *  2              type               type                           type              type
 *  3              reply DSCP wanted  TOS seen on arrival (FF = n/a) 0                 0
 *  4..11                             T2: reflector receive, ns      .                 received (u32) | duplicates (u32)
 * 12..15                             hold = T3 − T2, ns (u32)       .                 reordered (u32)
 * 16..19                             reply index (u32, from 1)      .                 replies sent (u32)
 * 20..23                                                                              highest extended seq (u32)
 * </pre>
 *
 * A reply keeps the request's RTP header (sequence, timestamp, SSRC), so the agent matches it to its own
 * send time T1; the reply index numbers the reflector's replies within the session (SSRC and source
 * address), which is what tells downstream loss, reordering and duplication apart from upstream ones.
 * T2 (the kernel's arrival time) and T3 (read just before the send) both come from the reflector's wall clock
 * (CLOCK_REALTIME), so T3 − T2 is one clock's difference; the agent never compares them with its own clock.
 */
public final class ProbePacket {
    public static final byte TYPE_REQUEST = 1;
    public static final byte TYPE_REPLY = 2;
    public static final byte TYPE_STATS_REQUEST = 3;
    public static final byte TYPE_STATS_REPLY = 4;

    /** Smallest payload that holds a reply; codecs with smaller frames are padded up to it. */
    public static final int MIN_PAYLOAD = 20;
    static final int STATS_PAYLOAD = 24;
    public static final int TOS_UNKNOWN = 0xFF;
    private static final byte[] ZEROS = new byte[256];

    private static final byte MAGIC_0 = 'C';
    private static final byte MAGIC_1 = 'R';

    private ProbePacket() {
    }

    /** Payload size on the wire for a codec and ptime. */
    public static int payloadSize(Codec codec, int ptimeMs) {
        return Math.max(MIN_PAYLOAD, codec.payloadBytes(ptimeMs));
    }

    public static int encodeRequest(ByteBuffer out, RtpHeader header, int payloadSize, int replyDscp) {
        int start = out.position();
        header.write(out);
        out.put(MAGIC_0).put(MAGIC_1).put(TYPE_REQUEST).put((byte) replyDscp);
        zeroFill(out, payloadSize - 4);
        return out.position() - start;
    }

    public static int encodeStatsRequest(ByteBuffer out, RtpHeader header) {
        int start = out.position();
        header.write(out);
        out.put(MAGIC_0).put(MAGIC_1).put(TYPE_STATS_REQUEST).put((byte) 0);
        zeroFill(out, MIN_PAYLOAD - 4);
        return out.position() - start;
    }

    /**
     * Turns a request, already in {@code packet} (position 0, limit = length), into its reply in place:
     * only the probe fields change, header and padding stay as they arrived.
     */
    public static void fillReply(ByteBuffer packet, int payloadOffset, int tosSeen, long t2Nanos, long t3Nanos, long replyIndex) {
        packet.put(payloadOffset + 2, TYPE_REPLY);
        packet.put(payloadOffset + 3, (byte) tosSeen);
        packet.putLong(payloadOffset + 4, t2Nanos);
        packet.putInt(payloadOffset + 12, (int) Math.min(t3Nanos - t2Nanos, 0xFFFF_FFFFL));
        packet.putInt(payloadOffset + 16, (int) replyIndex);
    }

    public static int encodeStatsReply(ByteBuffer out, RtpHeader header, SessionStats stats) {
        int start = out.position();
        header.write(out);
        out.put(MAGIC_0).put(MAGIC_1).put(TYPE_STATS_REPLY).put((byte) 0);
        out.putInt((int) stats.received());
        out.putInt((int) stats.duplicates());
        out.putInt((int) stats.reordered());
        out.putInt((int) stats.repliesSent());
        out.putInt((int) stats.highestExtendedSeq());
        return out.position() - start;
    }

    /** Any decoded probe packet. */
    public sealed interface Decoded permits Request, Reply, StatsRequest, StatsReply {
        RtpHeader header();
    }

    /** @param payloadOffset where the payload starts in the datagram (after CSRCs and extension) */
    public record Request(RtpHeader header, int payloadOffset, int payloadSize, int replyDscp) implements Decoded {
    }

    public record Reply(RtpHeader header, int tosSeen, long t2Nanos, long holdNanos, long replyIndex) implements Decoded {
    }

    public record StatsRequest(RtpHeader header) implements Decoded {
    }

    public record StatsReply(RtpHeader header, SessionStats stats) implements Decoded {
    }

    /** What the reflector counted for one session; see {@link #encodeStatsReply}. */
    public record SessionStats(long received, long duplicates, long reordered, long repliesSent, long highestExtendedSeq) {
    }

    /** Decodes the datagram between the buffer's position and limit. */
    public static Decoded decode(ByteBuffer in) throws MalformedPacketException {
        int base = in.position();
        RtpHeader header = RtpHeader.read(in);
        int payloadOffset = in.position() - base;
        int payloadSize = in.remaining();
        if (payloadSize < 4 || in.get() != MAGIC_0 || in.get() != MAGIC_1) {
            throw new MalformedPacketException("not a CallReady probe payload");
        }
        byte type = in.get();
        int b3 = in.get() & 0xFF;
        return switch (type) {
            case TYPE_REQUEST -> {
                if (payloadSize < MIN_PAYLOAD) throw new MalformedPacketException("request payload shorter than " + MIN_PAYLOAD);
                if (b3 > 63) throw new MalformedPacketException("requested DSCP " + b3 + " out of range");
                yield new Request(header, payloadOffset, payloadSize, b3);
            }
            case TYPE_REPLY -> {
                if (payloadSize < MIN_PAYLOAD) throw new MalformedPacketException("reply payload shorter than " + MIN_PAYLOAD);
                long t2 = in.getLong();
                long hold = in.getInt() & 0xFFFF_FFFFL;
                long index = in.getInt() & 0xFFFF_FFFFL;
                yield new Reply(header, b3, t2, hold, index);
            }
            case TYPE_STATS_REQUEST -> new StatsRequest(header);
            case TYPE_STATS_REPLY -> {
                if (payloadSize < STATS_PAYLOAD) throw new MalformedPacketException("stats reply shorter than " + STATS_PAYLOAD);
                yield new StatsReply(header, new SessionStats(
                        in.getInt() & 0xFFFF_FFFFL, in.getInt() & 0xFFFF_FFFFL, in.getInt() & 0xFFFF_FFFFL,
                        in.getInt() & 0xFFFF_FFFFL, in.getInt() & 0xFFFF_FFFFL));
            }
            default -> throw new MalformedPacketException("unknown probe packet type " + type);
        };
    }

    private static void zeroFill(ByteBuffer out, int n) {
        for (int left = n; left > 0; left -= ZEROS.length) {
            out.put(ZEROS, 0, Math.min(left, ZEROS.length));
        }
    }
}
