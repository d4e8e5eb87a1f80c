package io.callready.bench.agent;

import io.callready.wire.plan.DurationText;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code [MINUTES] [--burst 10s] [--interval 30s] [--nmt] [--https] [--jvm "FLAGS"] [--root DIR]} of {@link AgentBenchmark}. */
record BenchOptions(Path root, Duration window, Duration burst, Duration interval, boolean nmt, boolean https, List<String> extraJvmFlags) {

    static BenchOptions parse(String[] args) {
        Path root = Path.of(".");
        Duration window = Duration.ofMinutes(3);
        Duration burst = Duration.ofSeconds(10);
        Duration interval = Duration.ofSeconds(30);
        boolean nmt = false;
        boolean https = false;
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(value(args, ++i, "--root"));
                case "--burst" -> burst = DurationText.parse(value(args, ++i, "--burst"));
                case "--interval" -> interval = DurationText.parse(value(args, ++i, "--interval"));
                case "--nmt" -> nmt = true;
                case "--https" -> https = true;
                case "--jvm" -> extra.addAll(List.of(value(args, ++i, "--jvm").strip().split("\\s+")));
                default -> {
                    if (!args[i].matches("\\d+")) {
                        throw new IllegalArgumentException("unknown argument '" + args[i]
                                + "'; usage: bench agent [MINUTES] [--burst 10s] [--interval 30s] [--nmt] [--https] [--jvm \"FLAGS\"]");
                    }
                    window = Duration.ofMinutes(Integer.parseInt(args[i]));
                }
            }
        }
        if (burst.compareTo(interval) > 0) {
            throw new IllegalArgumentException("--burst " + DurationText.format(burst) + " is longer than --interval " + DurationText.format(interval));
        }
        return new BenchOptions(root.toAbsolutePath().normalize(), window, burst, interval, nmt, https, extra);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
