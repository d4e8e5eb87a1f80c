package io.callready.agent.probe.echo;

import java.nio.ByteBuffer;

/**
 * What the echo probe sends and expects back verbatim: a marker, the packet number and the send time, padded
 * to a G.711 20 ms frame so the packets are the size of voice.
 */
final class EchoPayload {
    static final int LENGTH = 160;
    private static final long MARKER = 0x4352_4543_484F_3031L; // "CRECHO01"

    private EchoPayload() {
    }

    static void encode(ByteBuffer out, int sequence, long sentNanos) {
        out.putLong(MARKER).putInt(sequence).putLong(sentNanos);
        while (out.position() < LENGTH) {
            out.put((byte) 0);
        }
    }

    /** @return the packet number, or −1 when the datagram is not one of ours */
    static int sequence(ByteBuffer in) {
        if (in.remaining() < 12 || in.getLong(in.position()) != MARKER) {
            return -1;
        }
        return in.getInt(in.position() + 8);
    }

    /** The send time an echo of ours carries back; call only after {@link #sequence} found the marker. */
    static long sentNanos(ByteBuffer in) {
        return in.remaining() < 20 ? Long.MIN_VALUE : in.getLong(in.position() + 12);
    }
}
