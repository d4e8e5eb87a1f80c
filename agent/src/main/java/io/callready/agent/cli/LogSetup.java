package io.callready.agent.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * java.util.logging to stderr, one line per record ({@code <UTC time> <LEVEL> <message>}); stack traces only at FINE,
 * so users see sentences, not traces. stdout stays free for results.
 */
public final class LogSetup {
    private LogSetup() {
    }

    public static void configure(PrintStream err, Level level) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Handler handler = new StreamHandler(err, new OneLine()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(level);
        // ice4j's configuration library announces at INFO where it read its (empty) settings from: noise to users
        handler.setFilter(r -> r.getLevel().intValue() >= Level.WARNING.intValue() || level.intValue() <= Level.FINE.intValue()
                || r.getSourceClassName() == null || !r.getSourceClassName().startsWith("org.jitsi."));
        root.addHandler(handler);
        root.setLevel(level);
    }

    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder()
                    .append(Instant.ofEpochMilli(r.getMillis()).truncatedTo(ChronoUnit.SECONDS)).append(' ')
                    .append(r.getLevel().getName()).append(' ')
                    .append(formatMessage(r));
            if (r.getThrown() != null) {
                sb.append(": ").append(r.getThrown());
                if (r.getLevel().intValue() <= Level.FINE.intValue()) {
                    for (StackTraceElement e : r.getThrown().getStackTrace()) {
                        sb.append(System.lineSeparator()).append("    at ").append(e);
                    }
                }
            }
            return sb.append(System.lineSeparator()).toString();
        }
    }
}
