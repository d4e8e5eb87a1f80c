package io.callready.agent.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * {@code run}'s command line read without picocli, which would load about 190 classes into the service for one
 * option (issue 15: the agent's resident set is the classes it loads). Only the plain forms the package's unit and
 * users type are read here ({@code [-v] run [-v] -c FILE | --config FILE | --config=FILE}); anything else (help,
 * version, a repeated or unknown option, an argument file, a value that looks like an option) is left to picocli,
 * so every error reads exactly as before.
 */
record ServiceArgs(Path configFile, boolean verbose) {
    /** The subcommands' names, which picocli may read as a command rather than as an option's value. */
    private static final Set<String> COMMAND_NAMES = Set.of("run", "check", "config", "enroll", "help");

    /** The service's options, or empty when picocli must read the command line. */
    static Optional<ServiceArgs> parse(String[] args) {
        int i = 0;
        boolean verbose = false;
        if (i < args.length && isVerbose(args[i])) {
            verbose = true;
            i++;
        }
        if (i >= args.length || !args[i].equals("run")) {
            return Optional.empty();
        }
        String config = null;
        for (i++; i < args.length; i++) {
            String a = args[i];
            String value;
            if (isVerbose(a) && !verbose) {
                verbose = true;
                continue;
            } else if ((a.equals("-c") || a.equals("--config")) && i + 1 < args.length) {
                value = args[++i];
            } else if (a.startsWith("--config=")) {
                value = a.substring("--config=".length());
            } else {
                return Optional.empty();
            }
            if (config != null || !plainValue(value)) {
                return Optional.empty();
            }
            config = value;
        }
        return config == null ? Optional.empty() : Optional.of(new ServiceArgs(Path.of(config), verbose));
    }

    private static boolean isVerbose(String arg) {
        return arg.equals("-v") || arg.equals("--verbose");
    }

    /** A value picocli would take as it is: not empty, not option-like, not an {@code @file}, a valid path. */
    private static boolean plainValue(String value) {
        return !value.isEmpty() && !value.startsWith("-") && !value.startsWith("@") && value.indexOf('\0') < 0
                && !COMMAND_NAMES.contains(value);
    }
}
