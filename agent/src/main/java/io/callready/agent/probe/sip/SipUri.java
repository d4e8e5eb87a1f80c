package io.callready.agent.probe.sip;

import io.callready.wire.plan.SipTransport;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a SIP URI that server location needs (RFC 3263 §4): scheme, host, explicit port, transport parameter.
 * A bare {@code host[:port]} is read as {@code sip:host[:port]}.
 */
public record SipUri(boolean secure, String host, Integer port, SipTransport transport) {
    private static final Pattern SHAPE = Pattern.compile(
            "(?i)(?:(sips?):)?(?:[^@;?]+@)?(\\[[0-9a-f:.]+]|[^:;?@\\[\\]]+)(?::(\\d{1,5}))?((?:;[^?]*)?)(?:\\?.*)?");
    private static final Pattern TRANSPORT = Pattern.compile("(?i);transport=([a-z]+)");

    public static SipUri parse(String text) {
        Matcher m = SHAPE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a SIP URI; write sip:domain, sips:domain or host[:port]");
        }
        boolean secure = "sips".equalsIgnoreCase(m.group(1));
        String host = m.group(2);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        Integer port = null;
        if (m.group(3) != null) {
            port = Integer.parseInt(m.group(3));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("'" + text + "' has port " + port + "; use 1..65535");
            }
        }
        SipTransport transport = null;
        Matcher t = TRANSPORT.matcher(m.group(4));
        if (t.find()) {
            transport = SipTransport.parse(t.group(1));
        }
        return new SipUri(secure, host.toLowerCase(Locale.ROOT), port, transport);
    }

    /** RFC 3263 §4.1: an IP address literal needs no DNS at all. */
    public boolean numericHost() {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** Host as it goes into a URI or header ({@code [v6]} bracketed). */
    public String hostForUri() {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }
}
