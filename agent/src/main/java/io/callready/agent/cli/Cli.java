package io.callready.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.logging.Level;

@Command(name = "callready-agent", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Measures whether a site's network is ready for voice, and ships the results to a CallReady collector.",
        subcommands = {RunCommand.class, CheckCommand.class, ConfigCommand.class, EnrollCommand.class, CommandLine.HelpCommand.class})
public final class Cli implements Callable<Integer> {
    @CommandLine.Spec
    CommandSpec spec;

    @CommandLine.Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Log details, including stack traces, on stderr.")
    void verbose(boolean on) {
        LogSetup.configure(System.err, on ? Level.FINE : Level.INFO);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    public static int execute(String[] args) {
        LogSetup.configure(System.err, Level.INFO);
        return execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** Runs the command line with the given streams and returns the exit code; never throws. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        var service = ServiceArgs.parse(args);
        if (service.isPresent()) {
            return ServiceRun.execute(service.get(), err);
        }
        CommandLine cli = new CommandLine(new Cli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter w = e.getCommandLine().getErr();
            w.println("error: " + UserMessages.withoutClassNames(e.getMessage()));
            w.println("see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            w.flush();
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> UserMessages.commandFailed(e, commandLine.getErr()));
        return cli.execute(args);
    }
}
