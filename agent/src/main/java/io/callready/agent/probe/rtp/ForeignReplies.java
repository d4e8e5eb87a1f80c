package io.callready.agent.probe.rtp;

import io.callready.wire.rtp.MalformedPacketException;
import io.callready.wire.rtp.ProbePacket;
import io.callready.wire.rtp.RtpHeader;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Datagrams from the reflector's address that are not CallReady replies to this burst, and what the first of
 * them looked like, so a wrong target ("answered, but it is a SIP server") is not reported as silence. Written by
 * the exchange thread only; read after it has finished.
 */
final class ForeignReplies {
    private static final int SAMPLE_BYTES = 64;
    private static final int HEX_BYTES = 16;
    private static final int STAMP_REFLECTED_LENGTH = 44;
    private static final int STAMP_SENDER_SEQUENCE_OFFSET = 24;

    private long count;
    private byte[] sample;
    private int sampleLength;

    void add(ByteBuffer datagram) {
        count++;
        if (sample == null) {
            ByteBuffer d = datagram.duplicate();
            sampleLength = d.remaining();
            sample = new byte[Math.min(SAMPLE_BYTES, sampleLength)];
            d.get(sample);
        }
    }

    long count() {
        return count;
    }

    /**
     * What the first foreign datagram looked like, e.g. "a SIP message (SIP/2.0 400 Bad Request), 311 bytes starting
     * with hex 5349502f…"; null when there was none.
     *
     * @param ssrc this burst's SSRC: an RTP packet with it is our own request coming back
     */
    String describe(long ssrc) {
        if (sample == null) {
            return null;
        }
        return kind(ssrc) + ", " + sampleLength + " bytes starting with hex "
                + HexFormat.of().formatHex(sample, 0, Math.min(HEX_BYTES, sample.length));
    }

    private String kind(long ssrc) {
        String firstLine = firstLine();
        if (firstLine.startsWith("SIP/2.0 ") || firstLine.matches("[A-Z]{3,10} sips?:\\S+ SIP/2\\.0")) {
            return "a SIP message (" + firstLine + ")";
        }
        RtpHeader rtp = rtpHeader();
        if (rtp != null && rtp.ssrc() == ssrc) {
            return isOurRequest() ? "our own request sent back unchanged (an RFC 862 echo service?)"
                    : "RTP with our SSRC but not a CallReady reply";
        }
        if (looksLikeStampReflection(ssrc)) {
            return "a STAMP reply (RFC 8762) reflecting our request: a STAMP reflector, not a CallReady RTP reflector";
        }
        if (rtp != null) {
            return String.format(Locale.ROOT, "RTP from another stream (SSRC 0x%08x, payload type %d)", rtp.ssrc(), rtp.payloadType());
        }
        return "not RTP";
    }

    private boolean isOurRequest() {
        try {
            return ProbePacket.decode(ByteBuffer.wrap(sample, 0, sample.length)) instanceof ProbePacket.Request;
        } catch (MalformedPacketException e) {
            // a sample cut short of the request's minimum payload is still a request sent back
            return sample.length >= RtpHeader.FIXED_LENGTH + 3 && sample[RtpHeader.FIXED_LENGTH] == 'C'
                    && sample[RtpHeader.FIXED_LENGTH + 1] == 'R' && sample[RtpHeader.FIXED_LENGTH + 2] == ProbePacket.TYPE_REQUEST;
        }
    }

    private RtpHeader rtpHeader() {
        try {
            return RtpHeader.read(ByteBuffer.wrap(sample));
        } catch (MalformedPacketException e) {
            return null;
        }
    }

    /**
     * A STAMP reflector takes our RTP header's first 12 bytes for the sender's sequence number and timestamp and
     * copies them to offset 24 (RFC 8762, 4.3.1): RTP version 2 there, and our SSRC where the sender timestamp's
     * fraction sits.
     */
    private boolean looksLikeStampReflection(long ssrc) {
        if (sampleLength < STAMP_REFLECTED_LENGTH || sample.length < STAMP_REFLECTED_LENGTH) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(sample);
        return (b.get(STAMP_SENDER_SEQUENCE_OFFSET) & 0xC0) == 0x80
                && (b.getInt(STAMP_SENDER_SEQUENCE_OFFSET + 8) & 0xFFFF_FFFFL) == ssrc;
    }

    /** The sample up to its first line break, printable ASCII only (anything else shown as '?'), at most 60 chars. */
    private String firstLine() {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < sample.length && line.length() < 60; i++) {
            int c = sample[i] & 0xFF;
            if (c == '\r' || c == '\n') {
                break;
            }
            line.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return line.toString();
    }
}
