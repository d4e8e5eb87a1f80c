package io.callready.agent.cli;

import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/** What a user reads of an error: sentences, not the Java exception classes they travelled in. */
final class UserMessages {
    private static final Pattern CLASS_NAME = Pattern.compile(
            "(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::\\s*)?");

    private UserMessages() {
    }

    /** The message without class names (picocli adds them to conversion errors); empty for none. */
    static String withoutClassNames(String message) {
        return message == null ? "" : CLASS_NAME.matcher(message).replaceAll("").replace("()", "").strip();
    }

    /** Reports a command that failed with an exception: one sentence on stderr, the trace only at FINE. */
    static int commandFailed(Exception e, PrintWriter err) {
        err.println("error: " + (e.getMessage() == null ? "unexpected failure (run with --verbose for details)" : withoutClassNames(e.getMessage())));
        Logger.getLogger(Cli.class.getName()).log(Level.FINE, "command failed", e);
        err.flush();
        return ExitCodes.PROBE_ERROR;
    }
}
