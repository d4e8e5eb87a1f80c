package io.callready.wire.result;

/** Text checks shared by agent and collector: which characters may be stored, and how client text is echoed back. */
public final class WireText {
    private static final int MAX_ECHO = 80;

    private WireText() {
    }

    /** Client text quoted back in an error, cut short so a huge bad value does not come back whole. */
    public static String clip(String text) {
        if (text == null || text.length() <= MAX_ECHO) {
            return text;
        }
        return text.substring(0, MAX_ECHO) + "...(" + text.length() + " characters)";
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
