package io.callready.reflector;

import io.callready.wire.plan.DurationText;
import io.callready.reflector.sip.SipResponder;
import io.callready.reflector.sip.SipResponderSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "callready-reflector", mixinStandardHelpOptions = true, versionProvider = ReflectorMain.Version.class,
        description = "Echoes CallReady RTP probe packets with receive and send timestamps; with --sip, also echoes SIP requests as they arrived.")
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

    @Option(names = "--sip", description = "Also run the SIP responder (SIP ALG and fragmentation tests).")
    boolean sip;

    @Option(names = "--sip-udp-ports", split = ",", defaultValue = "5060,5160", paramLabel = "PORT[,PORT...]",
            description = "UDP ports of the SIP responder (default ${DEFAULT-VALUE}; 5160 is the port ALGs usually ignore).")
    java.util.List<Integer> sipUdpPorts;

    @Option(names = "--sip-tcp-ports", split = ",", defaultValue = "5060", paramLabel = "PORT[,PORT...]",
            description = "TCP ports of the SIP responder (default ${DEFAULT-VALUE}).")
    java.util.List<Integer> sipTcpPorts;

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
        SipResponder sipResponder = null;
        if (sip) {
            try {
                sipResponder = SipResponder.start(new SipResponderSettings(java.net.InetAddress.getByName(bind), sipUdpPorts, sipTcpPorts));
            } catch (IllegalArgumentException | java.io.IOException e) {
                reflector.close();
                System.err.println("callready-reflector: " + e.getMessage());
                return e instanceof IllegalArgumentException ? 64 : 69;
            }
            System.out.println(Instant.now() + " SIP responder on udp " + sipResponder.udpPorts() + " and tcp " + sipResponder.tcpPorts());
        }
        SipResponder sipToClose = sipResponder;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (sipToClose != null) {
                sipToClose.close();
            }
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
