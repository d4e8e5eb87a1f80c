package io.callready.collector.jobs;

import java.util.regex.Pattern;

/** An exception as one short line an operator may see in a health response: no stack trace, no class names. */
public final class JobErrors {
    private static final int MAX_LENGTH = 300;
    /** Qualified Java names such as {@code java.lang.String} or {@code org.postgresql.util.PSQLException}. */
    private static final Pattern QUALIFIED_NAME = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z][A-Za-z0-9_$]*(\\.[a-zA-Z0-9_$]+)*");

    private JobErrors() {
    }

    /** The messages of the cause chain, outermost first, without repeats. */
    public static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = cause; t != null && text.length() < MAX_LENGTH; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && text.indexOf(message) < 0) {
                text.append(text.isEmpty() ? "" : ": ").append(message);
            }
        }
        String line = QUALIFIED_NAME.matcher(text.toString().replaceAll("\\s+", " ").strip()).replaceAll("(internal)");
        if (line.isEmpty()) {
            return "unexpected error";
        }
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "..." : line;
    }
}
