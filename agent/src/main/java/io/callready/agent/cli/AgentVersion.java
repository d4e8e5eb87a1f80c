package io.callready.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version, from a resource Maven filters at build time. */
public final class AgentVersion {
    private AgentVersion() {
    }

    public static String version() {
        Properties p = new Properties();
        try (InputStream in = AgentVersion.class.getResourceAsStream("/io/callready/agent/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
