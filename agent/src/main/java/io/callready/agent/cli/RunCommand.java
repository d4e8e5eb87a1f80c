package io.callready.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true, description = {"Run as a service: every probe of the plan on its interval, results shipped to the collector.",
        "One line per probe run on stdout; logs on stderr. Stops on SIGTERM or Ctrl-C after one last shipping attempt.",
        "Exit status: 64 bad config or not enrolled, 73 state_dir unusable."})
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The YAML config file.")
    Path configFile;

    @Override
    public Integer call() throws InterruptedException {
        return ServiceRun.run(configFile, spec.commandLine().getErr());
    }
}
