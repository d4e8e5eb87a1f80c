package io.callready.collector.plan;

import io.callready.collector.auth.Tokens;

/** Strong ETags over a document's bytes, and the If-None-Match comparison RFC 9110 asks for (weak comparison). */
final class ETags {
    private ETags() {
    }

    static String of(String document) {
        return "\"" + Tokens.sha256Hex(document).substring(0, 32) + "\"";
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
