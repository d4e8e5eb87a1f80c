package io.callready.agent.cli;

import io.callready.agent.config.AgentConfig;
import io.callready.agent.config.ConfigException;
import io.callready.agent.config.ConfigLoader;
import io.callready.agent.config.IoErrors;
import io.callready.agent.config.TokenSource;
import io.callready.agent.probe.ProbeRegistry;
import io.callready.agent.schedule.AgentService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

@Command(name = "run", mixinStandardHelpOptions = true, description = {"Run as a service: every probe of the plan on its interval, results shipped to the collector.",
        "One line per probe run on stdout; logs on stderr. Stops on SIGTERM or Ctrl-C after one last shipping attempt.",
        "Exit status: 64 bad config, 73 state_dir unusable."})
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(RunCommand.class.getName());

    @CommandLine.Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The YAML config file.")
    Path configFile;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        AgentConfig config;
        TokenSource token;
        try {
            config = new ConfigLoader().load(configFile);
            token = TokenSource.of(config.collector());
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        AgentService service;
        try {
            service = AgentService.start(config, token, ProbeRegistry.standard(config.snmpCredentials()), System.out, "callready-agent/" + VersionProvider.version());
        } catch (IOException e) {
            err.println("cannot use state_dir " + config.agent().stateDir() + ": " + IoErrors.describe(e));
            return ExitCodes.CANNOT_CREATE;
        }
        LOG.info("callready-agent " + VersionProvider.version() + " running " + config.plan().probes().size()
                + " probes as agent " + config.agent().id() + ", shipping to " + config.collector().resultsUri());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(() -> {
            LOG.info("stopping");
            service.close();
            stopped.countDown();
        }));
        stopped.await();
        return ExitCodes.OK;
    }
}
