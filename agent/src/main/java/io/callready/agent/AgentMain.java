package io.callready.agent;

import io.callready.agent.cli.Cli;
import io.callready.agent.cli.KeepHandlersLogManager;

/** Entry point of {@code callready-agent}; see {@link Cli} for the commands. */
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String[] args) {
        // must precede the first use of java.util.logging
        System.setProperty("java.util.logging.manager", KeepHandlersLogManager.class.getName());
        System.exit(Cli.execute(args));
    }
}
