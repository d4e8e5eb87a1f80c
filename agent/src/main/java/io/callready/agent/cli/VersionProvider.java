package io.callready.agent.cli;

import picocli.CommandLine;

/** {@code --version}: the build's version and the Java runtime's. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[]{"callready-agent " + AgentVersion.version(), "Java " + Runtime.version()};
    }
}
