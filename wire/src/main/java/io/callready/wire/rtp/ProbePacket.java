package io.callready.wire.rtp;

import io.callready.wire.clock.ClockSync;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

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
 * 24..27                                                                              arrivals recorded (u32)
 * 28..31                                                                              clock: 1 known | 2 synchronised
 * 32..35                                                                              clock max error, µs (u32)
 *
 * payload offset  arrivals request (5)         arrivals reply (6)
 *  0..3           'C' 'R' type format          'C' 'R' type format
 *  4..7           first arrival wanted (u32)   first arrival in this reply (u32, from 0)
 *  8..9           .                            records in this reply (u16, ≤ {@value #ARRIVALS_PER_REPLY}, format 1:
 *                                              ≤ {@value #ARRIVALS_PER_REPLY_WITH_T3})
 * 10..11                                       0
 * 12..                                         per record: sequence (u16), TOS seen (u8), 0, T2 ns (i64),
 *                                              format 1 only: T3 from the kernel ns (i64, 0 = none)
 * </pre>
 *
 * The reflector records every request's arrival (its sequence number, T2 and TOS, duplicates included) in the
 * order they arrived; the agent pages through that record after the burst, so it knows which requests arrived
 * and when even where the reply was lost. A reflector that predates the record sends a 24-byte stats reply (read
 * as {@link #ARRIVALS_UNKNOWN}) and ignores arrivals requests. A full arrivals reply is 1164 payload bytes, 1224
 * bytes with RTP, UDP and IPv6 headers: under the 1280-byte IPv6 minimum MTU, so it is never fragmented.
 * An agent that asks with format 1 also gets each reply's kernel send time T3 (the reflector's software transmit
 * stamp, wall clock like T2): 60 records of 20 bytes, 1224 bytes of UDP payload. A reflector that predates format 1
 * ignores the byte and answers format 0 ({@link ArrivalsReply#withKernelT3()} false), as it does for an older agent.
 *
 * A reply keeps the request's RTP header (sequence, timestamp, SSRC), so the agent matches it to its own
 * send time T1; the reply index numbers the reflector's replies within the session (SSRC and source
 * address), which is what tells downstream loss, reordering and duplication apart from upstream ones.
 * T2 (the kernel's arrival time) and T3 (read just before the send; format 1 arrival pages also carry the kernel's send
 * time) all come from the reflector's wall clock
 * (CLOCK_REALTIME), so T3 − T2 is one clock's difference; the agent never compares them with its own clock.
 */
public final class ProbePacket {
    public static final byte TYPE_REQUEST = 1;
    public static final byte TYPE_REPLY = 2;
    public static final byte TYPE_STATS_REQUEST = 3;
    public static final byte TYPE_STATS_REPLY = 4;
    public static final byte TYPE_ARRIVALS_REQUEST = 5;
    public static final byte TYPE_ARRIVALS_REPLY = 6;
    /** Arrival records per arrivals reply. */
    public static final int ARRIVALS_PER_REPLY = 96;
    /** Arrival records per format-1 arrivals reply (with kernel T3): 12 + 12 + 60 × 20 = 1224 ≤ 1232 UDP payload bytes. */
    public static final int ARRIVALS_PER_REPLY_WITH_T3 = 60;
    static final int ARRIVAL_RECORD_BYTES_WITH_T3 = 20;
    private static final int FORMAT_WITH_T3 = 1;
    /** A stats reply from a reflector that keeps no arrival record. */
    public static final long ARRIVALS_UNKNOWN = -1;
    static final int ARRIVAL_RECORD_BYTES = 12;
    static final int ARRIVALS_HEADER = 12;

    /** Smallest payload that holds a reply; codecs with smaller frames are padded up to it. */
    public static final int MIN_PAYLOAD = 20;
    static final int STATS_PAYLOAD = 24;
    static final int STATS_PAYLOAD_WITH_ARRIVALS = 28;
    static final int STATS_PAYLOAD_WITH_CLOCK = 36;
    private static final int CLOCK_KNOWN = 1;
    private static final int CLOCK_SYNCHRONISED = 2;
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

    /** A stats reply as a reflector without arrival record sends it (24 payload bytes). */
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

    /**
     * A stats reply that also says how many arrival records the reflector holds for the session and what its kernel
     * says about its clock's synchronisation.
     */
    public static int encodeStatsReply(ByteBuffer out, RtpHeader header, SessionStats stats, long arrivalsRecorded, ClockSync clock) {
        int start = out.position();
        encodeStatsReply(out, header, stats);
        out.putInt((int) arrivalsRecorded);
        out.putInt((clock.known() ? CLOCK_KNOWN : 0) | (clock.synchronised() ? CLOCK_SYNCHRONISED : 0));
        out.putInt((int) Math.min(Math.max(clock.maxErrorMicros(), 0), 0xFFFF_FFFFL));
        return out.position() - start;
    }

    /** An arrivals request for format 0 pages (no kernel T3), as an older agent sends it. */
    public static int encodeArrivalsRequest(ByteBuffer out, RtpHeader header, int firstArrival) {
        return encodeArrivalsRequest(out, header, firstArrival, false);
    }

    /** @param withKernelT3 asks for format 1 pages, which carry each reply's kernel send time */
    public static int encodeArrivalsRequest(ByteBuffer out, RtpHeader header, int firstArrival, boolean withKernelT3) {
        int start = out.position();
        header.write(out);
        out.put(MAGIC_0).put(MAGIC_1).put(TYPE_ARRIVALS_REQUEST).put((byte) (withKernelT3 ? FORMAT_WITH_T3 : 0));
        out.putInt(firstArrival);
        zeroFill(out, MIN_PAYLOAD - 8);
        return out.position() - start;
    }

    /**
     * An arrivals reply with the records {@code first} … {@code first + count − 1} of {@code source}; {@code count}
     * must not exceed {@link #ARRIVALS_PER_REPLY}.
     */
    public static int encodeArrivalsReply(ByteBuffer out, RtpHeader header, int first, int count, ArrivalSource source) {
        return encodeArrivalsReply(out, header, first, count, source, false);
    }

    /**
     * @param withKernelT3 format 1: each record also carries its reply's kernel send time; {@code count} must not
     *                     exceed {@link #ARRIVALS_PER_REPLY_WITH_T3}
     */
    public static int encodeArrivalsReply(ByteBuffer out, RtpHeader header, int first, int count, ArrivalSource source,
                                          boolean withKernelT3) {
        if (count < 0 || count > recordsPerReply(withKernelT3)) throw new IllegalArgumentException("count " + count);
        int start = out.position();
        header.write(out);
        out.put(MAGIC_0).put(MAGIC_1).put(TYPE_ARRIVALS_REPLY).put((byte) (withKernelT3 ? FORMAT_WITH_T3 : 0));
        out.putInt(first).putShort((short) count).putShort((short) 0);
        for (int k = first; k < first + count; k++) {
            out.putShort((short) source.sequence(k)).put((byte) source.tosSeen(k)).put((byte) 0).putLong(source.t2Nanos(k));
            if (withKernelT3) {
                out.putLong(source.t3KernelNanos(k));
            }
        }
        return out.position() - start;
    }

    /** The reflector's arrival record, read by position from 0. */
    public interface ArrivalSource {
        int sequence(int k);

        int tosSeen(int k);

        long t2Nanos(int k);

        /** The kernel's send time of the reply to arrival {@code k}, reflector wall clock; 0 when the kernel gave none. */
        default long t3KernelNanos(int k) {
            return 0;
        }
    }

    /** Records per arrivals reply in the format asked for. */
    public static int recordsPerReply(boolean withKernelT3) {
        return withKernelT3 ? ARRIVALS_PER_REPLY_WITH_T3 : ARRIVALS_PER_REPLY;
    }

    /** Any decoded probe packet. */
    public sealed interface Decoded permits Request, Reply, StatsRequest, StatsReply, ArrivalsRequest, ArrivalsReply {
        RtpHeader header();
    }

    /** @param payloadOffset where the payload starts in the datagram (after CSRCs and extension) */
    public record Request(RtpHeader header, int payloadOffset, int payloadSize, int replyDscp) implements Decoded {
    }

    public record Reply(RtpHeader header, int tosSeen, long t2Nanos, long holdNanos, long replyIndex) implements Decoded {
    }

    public record StatsRequest(RtpHeader header) implements Decoded {
    }

    /**
     * @param arrivalsRecorded arrival records the reflector holds, or {@link #ARRIVALS_UNKNOWN} (it keeps none)
     * @param reflectorClock   the reflector's clock status, {@link ClockSync#UNKNOWN} from an older reflector
     */
    public record StatsReply(RtpHeader header, SessionStats stats, long arrivalsRecorded, ClockSync reflectorClock) implements Decoded {
    }

    /** @param withKernelT3 the agent asks for format 1 pages */
    public record ArrivalsRequest(RtpHeader header, int firstArrival, boolean withKernelT3) implements Decoded {
    }

    /**
     * One request's arrival at the reflector: 16-bit sequence, TOS byte seen ({@link #TOS_UNKNOWN} = n/a), T2, and
     * the kernel's send time of the reply it got (0 = none, or a format 0 page).
     */
    public record Arrival(int sequence, int tosSeen, long t2Nanos, long t3KernelNanos) {
        public Arrival(int sequence, int tosSeen, long t2Nanos) {
            this(sequence, tosSeen, t2Nanos, 0);
        }
    }

    /** @param withKernelT3 a format 1 page: its records carry kernel send times */
    public record ArrivalsReply(RtpHeader header, int firstArrival, List<Arrival> arrivals, boolean withKernelT3) implements Decoded {
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
                SessionStats stats = new SessionStats(
                        in.getInt() & 0xFFFF_FFFFL, in.getInt() & 0xFFFF_FFFFL, in.getInt() & 0xFFFF_FFFFL,
                        in.getInt() & 0xFFFF_FFFFL, in.getInt() & 0xFFFF_FFFFL);
                long arrivals = payloadSize >= STATS_PAYLOAD_WITH_ARRIVALS ? in.getInt() & 0xFFFF_FFFFL : ARRIVALS_UNKNOWN;
                ClockSync clock = ClockSync.UNKNOWN;
                if (payloadSize >= STATS_PAYLOAD_WITH_CLOCK) {
                    int flags = in.getInt();
                    long maxError = in.getInt() & 0xFFFF_FFFFL;
                    clock = new ClockSync((flags & CLOCK_KNOWN) != 0, (flags & CLOCK_SYNCHRONISED) != 0, maxError);
                }
                yield new StatsReply(header, stats, arrivals, clock);
            }
            case TYPE_ARRIVALS_REQUEST -> {
                if (payloadSize < 8) throw new MalformedPacketException("arrivals request shorter than 8");
                int first = in.getInt();
                if (first < 0) throw new MalformedPacketException("arrivals request from " + (first & 0xFFFF_FFFFL));
                yield new ArrivalsRequest(header, first, b3 == FORMAT_WITH_T3);
            }
            case TYPE_ARRIVALS_REPLY -> decodeArrivals(in, header, payloadSize, b3);
            default -> throw new MalformedPacketException("unknown probe packet type " + type);
        };
    }

    private static ArrivalsReply decodeArrivals(ByteBuffer in, RtpHeader header, int payloadSize, int format)
            throws MalformedPacketException {
        if (format != 0 && format != FORMAT_WITH_T3) throw new MalformedPacketException("arrivals reply format " + format);
        boolean withT3 = format == FORMAT_WITH_T3;
        if (payloadSize < ARRIVALS_HEADER) throw new MalformedPacketException("arrivals reply shorter than " + ARRIVALS_HEADER);
        int first = in.getInt();
        int count = in.getShort() & 0xFFFF;
        in.getShort();
        int recordBytes = withT3 ? ARRIVAL_RECORD_BYTES_WITH_T3 : ARRIVAL_RECORD_BYTES;
        if (first < 0 || count > recordsPerReply(withT3) || payloadSize < ARRIVALS_HEADER + count * recordBytes) {
            throw new MalformedPacketException("arrivals reply with " + count + " records in " + payloadSize + " bytes");
        }
        List<Arrival> arrivals = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int seq = in.getShort() & 0xFFFF;
            int tos = in.get() & 0xFF;
            in.get();
            long t2 = in.getLong();
            arrivals.add(new Arrival(seq, tos, t2, withT3 ? in.getLong() : 0));
        }
        return new ArrivalsReply(header, first, List.copyOf(arrivals), withT3);
    }

    private static void zeroFill(ByteBuffer out, int n) {
        for (int left = n; left > 0; left -= ZEROS.length) {
            out.put(ZEROS, 0, Math.min(left, ZEROS.length));
        }
    }
}
