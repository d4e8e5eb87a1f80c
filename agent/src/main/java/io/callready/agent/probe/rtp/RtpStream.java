package io.callready.agent.probe.rtp;

import io.callready.wire.rtp.Codec;
import io.callready.wire.rtp.RtpHeader;

import java.security.SecureRandom;

/**
 * The identity of one probe stream, as RFC 3550 §5.1 asks: random SSRC, random initial sequence number and
 * timestamp. Packet {@code i} has sequence {@code first + i} and timestamp {@code first + i · step} (both wrapping),
 * and the marker bit on the first packet only, like the start of a talk spurt.
 */
final class RtpStream {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final long ssrc;
    private final int firstSequence;
    private final long firstTimestamp;
    private final int payloadType;
    private final int timestampStep;

    RtpStream(long ssrc, int firstSequence, long firstTimestamp, int payloadType, int timestampStep) {
        this.ssrc = ssrc;
        this.firstSequence = firstSequence;
        this.firstTimestamp = firstTimestamp;
        this.payloadType = payloadType;
        this.timestampStep = timestampStep;
    }

    static RtpStream random(Codec codec, int ptimeMs) {
        return new RtpStream(RANDOM.nextInt() & 0xFFFF_FFFFL, RANDOM.nextInt(1 << 16), RANDOM.nextInt() & 0xFFFF_FFFFL,
                codec.payloadType(), codec.timestampStep(ptimeMs));
    }

    RtpHeader header(int index) {
        return new RtpHeader(index == 0, payloadType, (firstSequence + index) & 0xFFFF,
                (firstTimestamp + (long) index * timestampStep) & 0xFFFF_FFFFL, ssrc);
    }

    /** Packet index of a sequence number; unique while the burst has fewer than 65536 packets. */
    int indexOf(int sequence) {
        return (sequence - firstSequence) & 0xFFFF;
    }

    long ssrc() {
        return ssrc;
    }
}
