package io.callready.agent.cli;

import io.callready.agent.config.AgentConfig;
import io.callready.agent.config.ConfigException;
import io.callready.agent.config.ConfigLoader;
import io.callready.agent.config.IoErrors;
import io.callready.agent.config.TokenSource;
import io.callready.agent.memory.ColdPages;
import io.callready.agent.probe.ProbeRegistry;
import io.callready.agent.schedule.AgentService;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The service ({@code callready-agent run}): runs the plan until SIGTERM; shared by picocli's command and {@link ServiceArgs}. */
final class ServiceRun {
    private static final Logger LOG = Logger.getLogger(ServiceRun.class.getName());
    /** Start-up is over when the first result has been delivered, or at the latest this long after the start. */
    private static final Duration START_UP_AT_MOST = Duration.ofMinutes(2);

    private ServiceRun() {
    }

    /** Runs the service as the command line's {@code run} does, with the same exit codes and messages; never throws. */
    static int execute(ServiceArgs args, PrintWriter err) {
        if (args.verbose()) {
            LogSetup.configure(System.err, Level.FINE);
        }
        try {
            return run(args.configFile(), err);
        } catch (Exception e) {
            return UserMessages.commandFailed(e, err);
        }
    }

    static int run(Path configFile, PrintWriter err) throws InterruptedException {
        var notEnrolled = NotEnrolled.message(configFile);
        if (notEnrolled.isPresent()) {
            err.println(notEnrolled.get());
            return ExitCodes.USAGE;
        }
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
            service = AgentService.start(config, token, ProbeRegistry.standard(config.snmpCredentials()), System.out, "callready-agent/" + AgentVersion.version());
        } catch (IOException e) {
            err.println("cannot use state_dir " + config.agent().stateDir() + ": " + IoErrors.describe(e));
            return ExitCodes.CANNOT_CREATE;
        }
        LOG.info("callready-agent " + AgentVersion.version() + " running " + config.plan().probes().size()
                + " probes as agent " + config.agent().id() + ", shipping to " + config.collector().resultsUri());
        ColdPages.afterStartUp(() -> service.shipper().deliveredCount() > 0, START_UP_AT_MOST);
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
