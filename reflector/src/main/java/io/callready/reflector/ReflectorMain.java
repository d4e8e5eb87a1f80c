package io.callready.reflector;

import io.callready.wire.plan.DurationText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "callready-reflector", mixinStandardHelpOptions = true, versionProvider = ReflectorMain.Version.class,
        description = "Echoes CallReady RTP probe packets with receive and send timestamps.")
public final class ReflectorMain implements Callable<Integer> {

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "" + ReflectorSettings.DEFAULT_PORT, description = "UDP port (default ${DEFAULT-VALUE}; 0 picks one).")
    int port;

    @Option(names = "--max-sessions", defaultValue = "" + ReflectorSettings.DEFAULT_MAX_SESSIONS,
            description = "Sessions kept at once (default ${DEFAULT-VALUE}).")
    int maxSessions;

    @Option(names = "--session-idle", defaultValue = "2m", description = "Forget a session idle this long (default ${DEFAULT-VALUE}).")
    String sessionIdle;

    @Option(names = "--stats-every", defaultValue = "5m", description = "Log counters this often (default ${DEFAULT-VALUE}).")
    String statsEvery;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReflectorMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ReflectorSettings settings;
        Duration every;
        try {
            settings = new ReflectorSettings(new InetSocketAddress(bind, port), maxSessions, DurationText.parse(sessionIdle));
            every = DurationText.parse(statsEvery);
        } catch (IllegalArgumentException e) {
            System.err.println("callready-reflector: " + e.getMessage());
            return 64;
        }
        Reflector reflector;
        try {
            reflector = Reflector.start(settings);
        } catch (java.io.IOException e) {
            System.err.println("callready-reflector: " + e.getMessage());
            return 69;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            reflector.close();
            System.out.println(Instant.now() + " reflector stopped: " + reflector.counters());
            stopped.countDown();
        }));
        System.out.println(Instant.now() + " CallReady reflector listening on udp " + reflector.localAddress());
        System.out.flush();
        while (!stopped.await(every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            System.out.println(Instant.now() + " reflector " + reflector.counters());
        }
        return 0;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ReflectorMain.class.getPackage().getImplementationVersion();
            return new String[]{"callready-reflector " + (v == null ? "dev" : v)};
        }
    }
}
