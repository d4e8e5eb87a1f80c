package io.callready.agent.probe.sipalg;

import io.callready.wire.sip.SipMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Compares the request as sent with the request as it arrived: request line, each header occurrence by name and
 * position (added and removed ones too), and each SDP line by type and position.
 */
public final class RequestDiff {
    private static final Pattern ADDRESS = Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b|\\[[0-9a-fA-F:]+]");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private RequestDiff() {
    }

    public static List<Rewrite> diff(SipMessage sent, SipMessage arrived) {
        List<Rewrite> out = new ArrayList<>();
        if (!sent.startLine().equals(arrived.startLine())) {
            out.add(rewrite("request line", sent.startLine(), arrived.startLine()));
        }
        compare(grouped(sent), grouped(arrived), "", out);
        compare(sdpLines(sent), sdpLines(arrived), "sdp ", out);
        return out;
    }

    private static void compare(Map<String, List<String>> a, Map<String, List<String>> b, String prefix, List<Rewrite> out) {
        Map<String, List<String>> keys = new LinkedHashMap<>(a);
        b.forEach(keys::putIfAbsent);
        for (String key : keys.keySet()) {
            List<String> x = a.getOrDefault(key, List.of());
            List<String> y = b.getOrDefault(key, List.of());
            for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
                String s = i < x.size() ? x.get(i) : null;
                String r = i < y.size() ? y.get(i) : null;
                if (!Objects.equals(s, r)) {
                    out.add(rewrite(prefix + key, s, r));
                }
            }
        }
    }

    static Rewrite rewrite(String where, String sent, String arrived) {
        boolean portOnly = sent != null && arrived != null
                && addresses(sent).equals(addresses(arrived))
                && NUMBER.matcher(ADDRESS.matcher(sent).replaceAll("")).replaceAll("#")
                .equals(NUMBER.matcher(ADDRESS.matcher(arrived).replaceAll("")).replaceAll("#"));
        return new Rewrite(where, sent, arrived, portOnly);
    }

    private static List<String> addresses(String s) {
        return ADDRESS.matcher(s).results().map(m -> m.group()).toList();
    }

    /** Headers by display name as sent (compact forms folded), in order of first appearance. */
    private static Map<String, List<String>> grouped(SipMessage m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (SipMessage.Header h : m.headers()) {
            String key = displayName(h.name());
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(h.value());
        }
        return out;
    }

    private static String displayName(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "v", "via" -> "Via";
            case "f", "from" -> "From";
            case "t", "to" -> "To";
            case "m", "contact" -> "Contact";
            case "i", "call-id" -> "Call-ID";
            case "l", "content-length" -> "Content-Length";
            case "c", "content-type" -> "Content-Type";
            default -> name.trim();
        };
    }

    private static Map<String, List<String>> sdpLines(SipMessage m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String body = new String(m.body(), StandardCharsets.UTF_8);
        for (String line : body.split("\r?\n")) {
            if (line.length() < 2 || line.charAt(1) != '=') continue;
            out.computeIfAbsent(line.substring(0, 2), k -> new ArrayList<>()).add(line);
        }
        return out;
    }
}
