package io.callready.agent.cli;

import io.callready.agent.config.AgentSection;
import io.callready.agent.config.CollectorSection;
import io.callready.agent.config.ConfigException;
import io.callready.agent.config.IoErrors;
import io.callready.agent.enroll.ConfigUpdate;
import io.callready.agent.enroll.EnrollClient;
import io.callready.agent.enroll.Enrollment;
import io.callready.agent.enroll.ServiceAccount;
import io.callready.agent.enroll.TokenFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "enroll", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Exchange a site's one-time enrollment code for this agent's identity and token.",
                "Writes the token to <state-dir>/agent.token (mode 0600) and sets agent.id, agent.state_dir, collector.url and",
                "collector.token_file in the config file (created if missing; the rest of an existing file is kept).",
                "Run as root for a state dir owned by a service user, the token becomes that user's and the config (0640) its group's.",
                "Exit status: 0 enrolled, 64 bad arguments or config, 69 collector unreachable, 73 cannot write, 77 code refused."})
final class EnrollCommand implements Callable<Integer> {
    static final String DEFAULT_CONFIG = "/etc/callready/agent.yaml";
    static final String TOKEN_FILE = "agent.token";

    @CommandLine.Spec
    CommandSpec spec;

    @Option(names = "--collector", required = true, paramLabel = "URL", description = "Collector base URL, e.g. https://collector.example.net")
    String collector;

    @Option(names = "--code", required = true, paramLabel = "CODE", description = "The enrollment code from the collector, e.g. 7KQ2-M9XD-4TRP")
    String code;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = AgentSection.DEFAULT_STATE_DIR,
            description = "Where the agent keeps its token and outbox (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = DEFAULT_CONFIG,
            description = "Agent config file to create or update (default: ${DEFAULT-VALUE}).")
    Path configFile;

    @Option(names = "--name", paramLabel = "NAME", description = "The agent's name at the site (default: this host's name).")
    String name;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            CollectorSection.checkUrl(collector);
        } catch (IllegalArgumentException e) {
            err.println("error: --collector: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        ConfigUpdate config;
        ServiceAccount account;
        Path absoluteStateDir = stateDir.toAbsolutePath().normalize();
        try {
            config = ConfigUpdate.of(configFile);
            Files.createDirectories(absoluteStateDir);
            if (!Files.isWritable(absoluteStateDir)) {
                throw new IOException(absoluteStateDir + " is not writable");
            }
            account = ServiceAccount.ownerOf(absoluteStateDir);
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("error: cannot use state dir " + absoluteStateDir + ": " + IoErrors.describe(e));
            return ExitCodes.CANNOT_CREATE;
        }

        Enrollment enrollment;
        try {
            enrollment = new EnrollClient(URI.create(collector), "callready-agent/" + AgentVersion.version())
                    .enroll(code.strip(), name != null ? name : hostName());
        } catch (EnrollClient.EnrollException e) {
            err.println("error: " + e.getMessage());
            return e.refused() ? ExitCodes.REFUSED : ExitCodes.UNAVAILABLE;
        }

        Path tokenFile = absoluteStateDir.resolve(TOKEN_FILE);
        try {
            TokenFile.write(tokenFile, enrollment.token(), account);
            config.write(enrollment.id(), absoluteStateDir, collector, tokenFile, account);
        } catch (ConfigException e) {
            err.println("error: enrolled as agent " + enrollment.id() + " but the updated config is invalid: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("error: enrolled as agent " + enrollment.id() + " but cannot write " + tokenFile + " or " + configFile
                    + ": " + IoErrors.describe(e) + "; revoke the agent and enroll with a new code");
            return ExitCodes.CANNOT_CREATE;
        }
        out.println("Enrolled as agent " + enrollment.id() + " (\"" + enrollment.name() + "\") at site " + enrollment.siteId());
        out.println("Token:  " + tokenFile + " (0600" + (account.other() ? ", owned by " + account.user().getName() : "") + ")");
        out.println("Config: " + configFile.toAbsolutePath().normalize());
        if (account.other()) {
            out.println("Start:  systemctl enable --now callready-agent");
        } else {
            out.println("Start:  callready agent run --config " + configFile);
        }
        return ExitCodes.OK;
    }

    private static String hostName() {
        try {
            String host = InetAddress.getLocalHost().getHostName();
            return host == null || host.isBlank() ? "agent" : host;
        } catch (UnknownHostException e) {
            return "agent";
        }
    }
}
