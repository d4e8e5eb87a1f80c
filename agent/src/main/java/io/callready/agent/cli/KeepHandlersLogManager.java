package io.callready.agent.cli;

import java.util.logging.LogManager;

/**
 * The JDK's LogManager removes every handler from its own shutdown hook, which races the agent's hook and swallows
 * the "stopping"/"stopped" lines and any last shipping warning. This one ignores that reset; {@link LogSetup}
 * replaces handlers itself, so nothing else relies on it.
 */
public final class KeepHandlersLogManager extends LogManager {
    @Override
    public void reset() {
        // keep handlers until the JVM is gone
    }
}
