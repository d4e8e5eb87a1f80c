package io.callready.agent.probe.sip;

import io.callready.wire.result.WireText;
import io.callready.wire.sip.SipMessage;

/**
 * How a server's status line is told in a result. The line is remote text: it is quoted printable (control
 * characters as visible escapes) and clipped, and a line that is not clean text is itself a finding, said so.
 */
public final class StatusLine {
    /** Longest reason phrase quoted in a result; a longer one is cut and its length told. */
    static final int MAX_PHRASE = 200;
    /** Longest status line quoted when it is at fault. */
    static final int MAX_QUOTED_LINE = 500;

    private StatusLine() {
    }

    /** e.g. {@code 200 OK}, with the phrase printable and clipped. */
    public static String summary(SipMessage response) {
        return response.statusCode() + " " + phrase(response);
    }

    /** The reason phrase printable, clipped to {@link #MAX_PHRASE} with its full length told. */
    static String phrase(SipMessage response) {
        String phrase = WireText.printable(response.reasonPhrase());
        return phrase.length() <= MAX_PHRASE ? phrase
                : WireText.clip(phrase, MAX_PHRASE) + " (reason phrase of " + response.reasonPhrase().length() + " characters, cut short)";
    }

    static String noStatusCode(SipMessage response) {
        return "status line has no status code from 100 to 699: " + WireText.quote(response.startLine(), MAX_QUOTED_LINE);
    }

    /** What is wrong with the characters of the status line, or null when it is clean text. */
    public static String defect(SipMessage response) {
        String line = response.startLine();
        String what = null;
        if (line.chars().anyMatch(c -> c < 0x20 || (c >= 0x7F && c <= 0x9F))) {
            what = "control characters";
        } else if (WireText.forbiddenCharacter(line, "") != null) {
            what = "characters that are not valid Unicode";
        } else if (line.indexOf('\uFFFD') >= 0) {
            what = "bytes that are not UTF-8 (shown as U+FFFD)";
        }
        return what == null ? null : "status line contains " + what + ": " + WireText.quote(line, MAX_QUOTED_LINE);
    }
}
