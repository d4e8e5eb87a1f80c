package io.callready.wire.sip;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Frames SIP messages on a stream (TCP/TLS) by Content-Length, which is mandatory there (RFC 3261 §18.3).
 * Leading CRLFs (RFC 5626 keepalives) are skipped. Sizes are bounded so a broken peer cannot exhaust memory.
 */
public final class SipStreamReader {
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private final InputStream in;

    public SipStreamReader(InputStream in) {
        this.in = in;
    }

    /** The raw bytes of the next message, exactly as they arrived (minus leading keepalive CRLFs). */
    public byte[] next() throws IOException, MalformedSipException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int b;
        do {
            b = read();
        } while (b == '\r' || b == '\n');
        head.write(b);
        int state = 0;
        while (state < 4) {
            b = read();
            head.write(b);
            state = switch (state) {
                case 0, 2 -> b == '\r' ? state + 1 : 0;
                case 1, 3 -> b == '\n' ? state + 1 : (b == '\r' ? 1 : 0);
                default -> state;
            };
            if (head.size() > MAX_HEADER_BYTES) {
                throw new MalformedSipException("headers longer than " + MAX_HEADER_BYTES + " bytes");
            }
        }
        byte[] headBytes = head.toByteArray();
        SipMessage headers = SipMessage.parse(headBytes);
        String length = headers.first("Content-Length")
                .orElseThrow(() -> new MalformedSipException("no Content-Length on a stream transport"));
        int bodyLength;
        try {
            bodyLength = Integer.parseInt(length.trim());
        } catch (NumberFormatException e) {
            throw new MalformedSipException("Content-Length is not a number: " + length);
        }
        if (bodyLength < 0 || bodyLength > MAX_BODY_BYTES) {
            throw new MalformedSipException("Content-Length " + bodyLength + " out of range");
        }
        byte[] all = new byte[headBytes.length + bodyLength];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        int off = headBytes.length;
        while (off < all.length) {
            int n = in.read(all, off, all.length - off);
            if (n < 0) {
                throw new EOFException("stream closed inside a message body");
            }
            off += n;
        }
        return all;
    }

    private int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("stream closed");
        }
        return b;
    }
}
