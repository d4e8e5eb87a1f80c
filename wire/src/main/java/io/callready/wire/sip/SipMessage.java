package io.callready.wire.sip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A SIP request or response as text headers plus a byte body (RFC 3261 §7). Header order and spelling are kept
 * exactly as received, because the ALG test compares them with what was sent; lookups understand compact forms.
 *
 * @param startLine request line or status line, without CRLF
 * @param headers   in order, as {@code name: value} pairs with the value trimmed
 * @param body      the message body (empty when none)
 */
public record SipMessage(String startLine, List<Header> headers, byte[] body) {
    private static final Map<String, String> COMPACT = Map.of(
            "v", "via", "f", "from", "t", "to", "m", "contact", "i", "call-id",
            "l", "content-length", "c", "content-type", "k", "supported", "s", "subject", "e", "content-encoding");

    public record Header(String name, String value) {
        public boolean is(String wanted) {
            return canonical(name).equals(canonical(wanted));
        }
    }

    public SipMessage {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    static String canonical(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return COMPACT.getOrDefault(lower, lower);
    }

    public boolean isResponse() {
        return startLine.startsWith("SIP/2.0 ");
    }

    /**
     * Status code of a response: exactly three digits from 100 to 699, then a space or the end of the line
     * (RFC 3261 §7.2, §21); -1 for a request or a status line that has none (e.g. {@code SIP/2.0 999999 X},
     * {@code SIP/2.0 abc}).
     */
    public int statusCode() {
        if (!isResponse() || startLine.length() < 11 || (startLine.length() > 11 && startLine.charAt(11) != ' ')) return -1;
        int code = 0;
        for (int i = 8; i < 11; i++) {
            char c = startLine.charAt(i);
            if (c < '0' || c > '9') return -1;
            code = code * 10 + (c - '0');
        }
        return code >= 100 && code <= 699 ? code : -1;
    }

    /** Reason phrase of a response with a status code, as received; empty otherwise. */
    public String reasonPhrase() {
        return statusCode() > 0 && startLine.length() > 12 ? startLine.substring(12) : "";
    }

    /** Method of a request, or the CSeq method of a response. */
    public String method() {
        if (isResponse()) {
            String cseq = first("CSeq").orElse("");
            int sp = cseq.indexOf(' ');
            return sp < 0 ? "" : cseq.substring(sp + 1).trim();
        }
        int sp = startLine.indexOf(' ');
        return sp < 0 ? startLine : startLine.substring(0, sp);
    }

    public Optional<String> first(String name) {
        return headers.stream().filter(h -> h.is(name)).map(Header::value).findFirst();
    }

    public List<String> all(String name) {
        return headers.stream().filter(h -> h.is(name)).map(Header::value).toList();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The message on the wire, with Content-Length as given in the headers (callers set it). */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + body.length);
        StringBuilder head = new StringBuilder(startLine).append("\r\n");
        for (Header h : headers) {
            head.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Parses one whole message (a datagram, or what {@link SipStreamReader} framed). */
    public static SipMessage parse(byte[] data) throws MalformedSipException {
        int start = 0;
        while (start + 1 < data.length && data[start] == '\r' && data[start + 1] == '\n') {
            start += 2;
        }
        int end = headerEnd(data, start);
        if (end < 0) {
            throw new MalformedSipException("no blank line after the headers");
        }
        String head = new String(data, start, end - start, StandardCharsets.UTF_8);
        List<String> lines = unfold(head);
        if (lines.isEmpty() || lines.getFirst().isBlank()) {
            throw new MalformedSipException("empty start line");
        }
        String startLine = lines.getFirst();
        if (!startLine.startsWith("SIP/2.0 ") && !startLine.endsWith(" SIP/2.0")) {
            throw new MalformedSipException("not a SIP/2.0 start line: " + abbreviate(startLine));
        }
        List<Header> headers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedSipException("header line without a name: " + abbreviate(line));
            }
            headers.add(new Header(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
        int bodyStart = end + 4;
        byte[] body = new byte[data.length - bodyStart];
        System.arraycopy(data, bodyStart, body, 0, body.length);
        return new SipMessage(startLine, headers, body);
    }

    /** Index of the CRLFCRLF that ends the headers, or -1. */
    static int headerEnd(byte[] data, int from) {
        for (int i = from; i + 3 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static List<String> unfold(String head) {
        List<String> lines = new ArrayList<>();
        for (String line : head.split("\r\n", -1)) {
            if (!lines.isEmpty() && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                lines.set(lines.size() - 1, lines.getLast() + " " + line.trim());
            } else {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
