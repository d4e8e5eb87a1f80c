package io.callready.wire.result;

import java.util.regex.Pattern;

/**
 * Text checks shared by agent and collector: which characters may be stored, how client text is echoed back, and
 * how text from the network is made storable without losing what it said.
 */
public final class WireText {
    private static final int MAX_ECHO = 80;
    private static final String ELLIPSIS = "…";
    private static final Pattern ESCAPE = Pattern.compile("\\\\(u[0-9a-f]{4}|[rnt])");

    private WireText() {
    }

    /** Client text quoted back in an error, cut short so a huge bad value does not come back whole. */
    public static String clip(String text) {
        if (text == null || text.length() <= MAX_ECHO) {
            return text;
        }
        return text.substring(0, cutBefore(text, MAX_ECHO)) + "...(" + text.length() + " characters)";
    }

    /**
     * Text cut to at most {@code maxLength} characters, ending with an ellipsis when cut; a surrogate pair is never
     * split, so printable text stays printable.
     */
    public static String clip(String text, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, got " + maxLength);
        }
        if (text == null || text.length() <= maxLength) {
            return text;
        }
        return text.substring(0, cutBeforeEscape(text, cutBefore(text, maxLength - ELLIPSIS.length()))) + ELLIPSIS;
    }

    /** Moves a cut that would fall inside an escape {@link #printable} writes to before its backslash. */
    private static int cutBeforeEscape(String text, int cut) {
        for (int start = Math.max(0, cut - 5); start < cut; start++) {
            if (text.charAt(start) == '\\' && ESCAPE.matcher(text).region(start, text.length()).lookingAt()
                    && start + escapeLength(text, start) > cut) {
                return start;
            }
        }
        return cut;
    }

    private static int escapeLength(String text, int start) {
        return text.charAt(start + 1) == 'u' ? 6 : 2;
    }

    /**
     * Text from the network or an exception, made storable in a field that allows no control character: each
     * control character becomes a visible escape (backslash-r, -n, -t, or backslash-u and four hex digits, as
     * Java and JSON write ESC) and so does each unpaired surrogate; all else is kept. Idempotent, and what it returns passes
     * {@link #forbiddenCharacter}{@code (text, "")}.
     */
    public static String printable(String text) {
        return printable(text, "");
    }

    /**
     * @param allowed control characters the field may hold and that are kept as they are (e.g. "\n\t" for a
     *                reason); NUL is always escaped
     * @return the text with every other control character and every unpaired surrogate as a visible escape; null
     *         for null
     */
    public static String printable(String text, String allowed) {
        if (text == null || forbiddenCharacter(text, allowed) == null) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c) || (isControl(c) && (c == 0 || allowed.indexOf(c) < 0))) {
                out.append(escape(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Remote text quoted in a reason: printable, clipped to {@code maxLength} inside the quotes. */
    public static String quote(String text, int maxLength) {
        return "\"" + clip(printable(text == null ? "" : text), maxLength) + "\"";
    }

    private static String escape(char c) {
        return switch (c) {
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            default -> String.format("\\u%04x", (int) c);
        };
    }

    /** The largest cut point at or before {@code index} that does not split a surrogate pair. */
    private static int cutBefore(String text, int index) {
        int cut = Math.max(0, Math.min(index, text.length()));
        return cut > 0 && cut < text.length() && Character.isHighSurrogate(text.charAt(cut - 1))
                && Character.isLowSurrogate(text.charAt(cut)) ? cut - 1 : cut;
    }

    /**
     * @param allowed control characters the field may hold (e.g. "\n\t" for free text), never NUL
     * @return what is wrong with the first forbidden character, or null when the text is clean: NUL, C0 controls,
     *         DEL, C1 controls (terminal escapes, header splitting, PostgreSQL refuses NUL) and unpaired surrogates
     *         (not Unicode, so not storable as UTF-8)
     */
    public static String forbiddenCharacter(String text, String allowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate at position " + i + "; only valid Unicode text is accepted";
            } else if (isControl(c) && (c == 0 || allowed.indexOf(c) < 0)) {
                return "contains the control character U+" + String.format("%04X", (int) c) + " at position " + i
                        + "; " + (allowed.isEmpty() ? "no control characters are" : "only " + describe(allowed) + " are") + " accepted";
            }
        }
        return null;
    }

    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }

    private static String describe(String allowed) {
        StringBuilder names = new StringBuilder();
        for (char c : allowed.toCharArray()) {
            if (!names.isEmpty()) {
                names.append(" and ");
            }
            names.append(switch (c) {
                case '\n' -> "line feed";
                case '\t' -> "tab";
                default -> "U+" + String.format("%04X", (int) c);
            });
        }
        return names.toString();
    }
}
