package io.callready.agent.probe.sip;

import io.callready.wire.sip.SipMessage;

import java.util.Locale;
import java.util.Optional;

/** Parameters of the top Via of a response: the branch (to match our transaction) and what the server saw of us. */
public record ViaParams(String branch, String received, Integer rport) {

    public static ViaParams of(SipMessage message) {
        Optional<String> top = message.first("Via").map(v -> {
            int comma = v.indexOf(',');
            return comma < 0 ? v : v.substring(0, comma);
        });
        String branch = null;
        String received = null;
        Integer rport = null;
        if (top.isPresent()) {
            for (String part : top.get().split(";")) {
                String p = part.trim();
                int eq = p.indexOf('=');
                if (eq < 0) continue;
                String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = p.substring(eq + 1).trim();
                switch (key) {
                    case "branch" -> branch = value;
                    case "received" -> received = value;
                    case "rport" -> {
                        try {
                            rport = Integer.parseInt(value);
                        } catch (NumberFormatException ignored) {
                            // a malformed rport is reported as absent
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return new ViaParams(branch, received, rport);
    }

    public static String branchOf(SipMessage request) {
        return of(request).branch();
    }
}
