package io.callready.agent.cli;

import io.callready.agent.config.AgentConfig;
import io.callready.agent.config.ConfigException;
import io.callready.agent.config.ConfigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "config", mixinStandardHelpOptions = true, description = "Work with agent config files.", subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = {"Validate a config file without running anything.",
            "Prints \"OK: N probes\" and the names of the SNMP credentials (never their secrets) (exit 0),",
            "or the first problem with its line and key (exit 1)."})
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The YAML config file.")
        Path file;

        @Override
        public Integer call() {
            try {
                AgentConfig config = new ConfigLoader().load(file);
                int n = config.plan().probes().size();
                int c = config.snmpCredentials().size();
                String credentials = c == 0 ? "" : ", " + c + " snmp credentials ("
                        + String.join(", ", new TreeSet<>(config.snmpCredentials().keySet())) + ")";
                spec.commandLine().getOut().println("OK: " + n + (n == 1 ? " probe" : " probes") + credentials);
                return ExitCodes.OK;
            } catch (ConfigException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return ExitCodes.CONFIG_INVALID;
            }
        }
    }
}
