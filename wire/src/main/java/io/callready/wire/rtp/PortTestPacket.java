package io.callready.wire.rtp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The RTP port-range test of the CallReady probe protocol (payload types 7–9 after the 'C' 'R' magic of
 * {@link ProbePacket}). The agent asks the reflector, on its usual port, to listen on a few sampled ports for a few
 * seconds; then it sends RTP to each of them and a reply through the NAT's pinhole shows the port is open both ways.
 *
 * <pre>
 * payload offset  open request (7)                   opened reply (8)         port test (9), its reply the same
 *  0..2           'C' 'R' type                       'C' 'R' type             'C' 'R' type
 *  3              ports n (1..{@value #MAX_PORTS})   n                        0
 *  4..5           seconds to listen (1..{@value #MAX_HOLD_SECONDS})  same     source port the reflector saw (reply)
 *  6..7           0                                  0                        destination port it arrived on (reply)
 *  8..            n × (port u16, 0)                  n × (port u16, status)   zero padding
 * </pre>
 *
 * The opened reply is the request with each status byte filled in, and a port test's reply is the test itself with
 * two fields filled in: no answer is ever longer than what it answers.
 */
public final class PortTestPacket {
    public static final byte TYPE_OPEN_REQUEST = 7;
    public static final byte TYPE_OPENED = 8;
    public static final byte TYPE_PORT_TEST = 9;
    public static final int MAX_PORTS = 16;
    public static final int MAX_HOLD_SECONDS = 10;
    /** Status of a port in the opened reply. */
    public static final int OPENED = 1;
    public static final int IN_USE = 2;
    public static final int REFUSED = 3;
    private static final int ENTRY_BYTES = 3;
    private static final int HEADER = 8;
    private static final byte MAGIC_0 = 'C';
    private static final byte MAGIC_1 = 'R';

    private PortTestPacket() {
    }

    public record Entry(int port, int status) {
    }

    public record OpenRequest(RtpHeader header, int holdSeconds, List<Integer> ports) {
    }

    public record Opened(RtpHeader header, List<Entry> entries) {
    }

    /** A port test or its reply; {@code seenSourcePort} and {@code arrivedOnPort} are 0 in the test itself. */
    public record PortTest(RtpHeader header, int seenSourcePort, int arrivedOnPort) {
    }

    public static void encodeOpenRequest(ByteBuffer out, RtpHeader header, int holdSeconds, List<Integer> ports) {
        if (ports.isEmpty() || ports.size() > MAX_PORTS) throw new IllegalArgumentException("1.." + MAX_PORTS + " ports per request");
        if (holdSeconds < 1 || holdSeconds > MAX_HOLD_SECONDS) throw new IllegalArgumentException("hold 1.." + MAX_HOLD_SECONDS + " s");
        header.write(out);
        out.put(MAGIC_0).put(MAGIC_1).put(TYPE_OPEN_REQUEST).put((byte) ports.size());
        out.putShort((short) holdSeconds).putShort((short) 0);
        for (int port : ports) {
            out.putShort((short) port).put((byte) 0);
        }
    }

    /** Turns an open request (position 0, limit = length) into its reply in place. */
    public static void fillOpened(ByteBuffer packet, List<Entry> entries) {
        int base = RtpHeader.FIXED_LENGTH;
        packet.put(base + 2, TYPE_OPENED);
        for (int i = 0; i < entries.size(); i++) {
            packet.put(base + HEADER + i * ENTRY_BYTES + 2, (byte) entries.get(i).status());
        }
    }

    public static void encodePortTest(ByteBuffer out, RtpHeader header, int payloadSize) {
        if (payloadSize < HEADER) throw new IllegalArgumentException("port test payload at least " + HEADER + " bytes");
        header.write(out);
        out.put(MAGIC_0).put(MAGIC_1).put(TYPE_PORT_TEST).put((byte) 0);
        for (int i = 4; i < payloadSize; i++) {
            out.put((byte) 0);
        }
    }

    /** Fills a received port test (position 0, limit = length) in place with what the reflector saw. */
    public static void fillPortTestReply(ByteBuffer packet, int seenSourcePort, int arrivedOnPort) {
        int base = RtpHeader.FIXED_LENGTH;
        packet.putShort(base + 4, (short) seenSourcePort).putShort(base + 6, (short) arrivedOnPort);
    }

    /** True when the datagram (position 0) carries one of this class's types. */
    public static boolean isPortTestProtocol(ByteBuffer datagram) {
        int base = datagram.position() + RtpHeader.FIXED_LENGTH;
        if (datagram.limit() < base + HEADER || datagram.get(base) != MAGIC_0 || datagram.get(base + 1) != MAGIC_1) {
            return false;
        }
        byte type = datagram.get(base + 2);
        return type == TYPE_OPEN_REQUEST || type == TYPE_OPENED || type == TYPE_PORT_TEST;
    }

    public static OpenRequest decodeOpenRequest(ByteBuffer in) throws MalformedPacketException {
        Body body = body(in, TYPE_OPEN_REQUEST);
        List<Integer> ports = new ArrayList<>();
        for (Entry e : body.entries) {
            ports.add(e.port());
        }
        if (body.hold < 1 || body.hold > MAX_HOLD_SECONDS) throw new MalformedPacketException("hold " + body.hold + " s out of range");
        return new OpenRequest(body.header, body.hold, ports);
    }

    public static Opened decodeOpened(ByteBuffer in) throws MalformedPacketException {
        Body body = body(in, TYPE_OPENED);
        return new Opened(body.header, body.entries);
    }

    public static PortTest decodePortTest(ByteBuffer in) throws MalformedPacketException {
        RtpHeader header = RtpHeader.read(in);
        if (in.remaining() < HEADER || in.get() != MAGIC_0 || in.get() != MAGIC_1 || in.get() != TYPE_PORT_TEST) {
            throw new MalformedPacketException("not a port test");
        }
        in.get();
        return new PortTest(header, in.getShort() & 0xFFFF, in.getShort() & 0xFFFF);
    }

    private record Body(RtpHeader header, int hold, List<Entry> entries) {
    }

    private static Body body(ByteBuffer in, byte type) throws MalformedPacketException {
        RtpHeader header = RtpHeader.read(in);
        if (in.remaining() < HEADER || in.get() != MAGIC_0 || in.get() != MAGIC_1 || in.get() != type) {
            throw new MalformedPacketException("not a port " + (type == TYPE_OPENED ? "opened reply" : "open request"));
        }
        int n = in.get() & 0xFF;
        int hold = in.getShort() & 0xFFFF;
        in.getShort();
        if (n < 1 || n > MAX_PORTS || in.remaining() < n * ENTRY_BYTES) {
            throw new MalformedPacketException("port list of " + n + " entries does not fit");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int port = in.getShort() & 0xFFFF;
            int status = in.get() & 0xFF;
            if (port == 0) throw new MalformedPacketException("port 0 in the list");
            entries.add(new Entry(port, status));
        }
        return new Body(header, hold, entries);
    }
}
