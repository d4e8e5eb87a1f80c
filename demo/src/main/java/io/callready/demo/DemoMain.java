package io.callready.demo;

import io.callready.wire.plan.DurationText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "callready demo", mixinStandardHelpOptions = true,
        description = "Runs collector (embedded PostgreSQL), reflector and an enrolled agent on this machine and "
                + "prints each probe cycle. Ctrl-C stops every process it started.")
public final class DemoMain implements Callable<Integer> {

    @Option(names = "--root", defaultValue = ".", description = "Repository root with the built programs.")
    Path root;

    @Option(names = "--data-dir", description = "Database, agent state and logs (default <root>/data/demo).")
    Path dataDir;

    @Option(names = "--cycles", defaultValue = "0", description = "Exit 0 after this many cycles (default: run until Ctrl-C).")
    int cycles;

    @Option(names = "--interval", defaultValue = "30s", description = "Time between probe runs (default ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--burst", defaultValue = "10s", description = "RTP burst length (default ${DEFAULT-VALUE}).")
    String burst;

    @Option(names = "--http-port", defaultValue = "8080", description = "Collector HTTP port; a free one if taken (default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--reflector-port", defaultValue = "5004", description = "Reflector UDP port; a free one if taken (default ${DEFAULT-VALUE}).")
    int reflectorPort;

    @Option(names = "--db-port", defaultValue = "0", description = "Embedded PostgreSQL port (default: the collector picks one).")
    int dbPort;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        DemoOptions options;
        try {
            Duration every = DurationText.parse(interval);
            Duration length = DurationText.parse(burst);
            if (cycles < 0) throw new IllegalArgumentException("--cycles must be 0 or more");
            if (every.compareTo(length) < 0) throw new IllegalArgumentException("--interval must not be shorter than --burst");
            Path data = dataDir != null ? dataDir : root.resolve("data/demo");
            options = new DemoOptions(root, data, cycles, every, length,
                    tcpPortOrFree(httpPort), udpPortOrFree(reflectorPort), dbPort);
        } catch (IllegalArgumentException e) {
            System.err.println("callready demo: " + e.getMessage());
            return 64;
        }
        Demo demo = new Demo(options, System.out);
        Thread stopper = new Thread(() -> {
            System.out.println("\nStopping agent, reflector and collector ...");
            demo.close();
        });
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            demo.run((cycle, result, enrollment) -> { });
            if (cycles > 0) {
                System.out.println("\nDone: " + cycles + " cycles shown.");
            }
            return 0;
        } catch (IOException e) {
            System.err.println("callready demo: " + e.getMessage());
            return 1;
        } finally {
            demo.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is already running.
            }
        }
    }

    static int tcpPortOrFree(int wanted) {
        for (int port : new int[]{wanted, 0}) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // try the next choice
            }
        }
        throw new IllegalStateException("no free TCP port on loopback");
    }

    static int udpPortOrFree(int wanted) {
        for (int port : new int[]{wanted, 0}) {
            try (DatagramSocket s = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // try the next choice
            }
        }
        throw new IllegalStateException("no free UDP port on loopback");
    }
}
