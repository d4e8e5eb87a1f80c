package io.callready.reflector;

import io.callready.reflector.stamp.StampReflector;
import io.callready.reflector.stamp.StampReflectorSettings;
import io.callready.wire.plan.DurationText;
import io.callready.reflector.sip.SipResponder;
import io.callready.reflector.sip.SipResponderSettings;
import io.callready.reflector.stun.StunServer;
import io.callready.reflector.stun.StunServerSettings;
import io.callready.wire.plan.StampReflectorMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "callready-reflector", mixinStandardHelpOptions = true, versionProvider = ReflectorMain.Version.class,
        exitCodeOnInvalidInput = ReflectorMain.EX_USAGE,
        description = {"Echoes CallReady RTP probe packets with receive and send timestamps,",
                "answers STAMP (RFC 8762) and TWAMP-light test packets on a second socket,",
                "with --sip also echoes SIP requests as they arrived,",
                "and with --stun answers STUN Binding (RFC 5780 behaviour discovery with --stun-alt)."})
public final class ReflectorMain implements Callable<Integer> {

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "" + ReflectorSettings.DEFAULT_PORT, description = "UDP port (default ${DEFAULT-VALUE}; 0 picks one).")
    int port;

    @Option(names = "--stamp-port", paramLabel = "PORT",
            description = {"UDP port for STAMP/TWAMP-light (0 picks one). Default " + StampReflectorSettings.DEFAULT_PORT
                    + ", which needs root or CAP_NET_BIND_SERVICE:",
                    "when the default cannot be bound STAMP is switched off with a warning; a port given here must bind."})
    Integer stampPort;

    @Option(names = "--stamp-mode", defaultValue = "stateful", paramLabel = "MODE",
            description = "stateful (own sequence numbers: loss splits by direction) or stateless (copies the sender's) (default ${DEFAULT-VALUE}).")
    String stampMode;

    @Option(names = "--no-stamp", description = "Do not answer STAMP at all.")
    boolean noStamp;

    @Option(names = "--max-sessions", defaultValue = "" + ReflectorSettings.DEFAULT_MAX_SESSIONS,
            description = "Sessions kept at once (default ${DEFAULT-VALUE}).")
    int maxSessions;

    @Option(names = "--session-idle", defaultValue = "2m", description = "Forget a session idle this long (default ${DEFAULT-VALUE}).")
    String sessionIdle;

    @Option(names = "--stats-every", defaultValue = "5m", description = "Log counters this often (default ${DEFAULT-VALUE}).")
    String statsEvery;

    @Option(names = "--sip", description = "Also run the SIP responder (SIP ALG and fragmentation tests).")
    boolean sip;

    @Option(names = "--sip-udp-ports", split = ",", defaultValue = "5060,5080,5160", paramLabel = "PORT[,PORT...]",
            description = "UDP ports of the SIP responder (default ${DEFAULT-VALUE}: the standard port and the alternate ones providers use).")
    java.util.List<Integer> sipUdpPorts;

    @Option(names = "--sip-tcp-ports", split = ",", defaultValue = "5060,5080,5160", paramLabel = "PORT[,PORT...]",
            description = "TCP ports of the SIP responder (default ${DEFAULT-VALUE}).")
    java.util.List<Integer> sipTcpPorts;

    @Option(names = "--stun", paramLabel = "[ADDR:]PORT",
            description = "Also answer STUN Binding requests (RFC 8489) there (" + StunServerSettings.DEFAULT_PORT + " is the standard port; ADDR defaults to --bind).")
    String stun;

    @Option(names = "--stun-alt", paramLabel = "ADDR:PORT",
            description = "Alternate STUN address and port for RFC 5780 NAT behaviour discovery (CHANGE-REQUEST); both must differ from --stun's.")
    String stunAlt;

    /** BSD sysexits EX_USAGE: every usage error, an unknown option as much as a bad value. */
    static final int EX_USAGE = 64;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String[] args) {
        CommandLine cli = new CommandLine(new ReflectorMain());
        cli.setParameterExceptionHandler((e, a) -> {
            System.err.println("callready-reflector: " + e.getMessage());
            System.err.println("see: callready-reflector --help");
            return EX_USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        ReflectorSettings settings;
        StampReflectorSettings stampSettings;
        Duration every;
        StunServerSettings stunSettings = null;
        try {
            if (stunAlt != null && stun == null) {
                throw new IllegalArgumentException("--stun-alt needs --stun");
            }
            if (stun != null) {
                stunSettings = new StunServerSettings(StunServerSettings.parseEndpoint(stun, bind, "--stun"),
                        java.util.Optional.ofNullable(stunAlt).map(a -> StunServerSettings.parseEndpoint(a, null, "--stun-alt")));
            }
            settings = new ReflectorSettings(new InetSocketAddress(bind, port), maxSessions, DurationText.parse(sessionIdle));
            int stamp = stampPort == null ? StampReflectorSettings.DEFAULT_PORT : stampPort;
            if (stamp < 0 || stamp > 65535) {
                throw new IllegalArgumentException("--stamp-port must be 0..65535, got " + stamp);
            }
            stampSettings = new StampReflectorSettings(new InetSocketAddress(bind, stamp),
                    StampReflectorMode.fromWireName(stampMode), maxSessions, DurationText.parse(sessionIdle));
            every = DurationText.parse(statsEvery);
        } catch (IllegalArgumentException e) {
            System.err.println("callready-reflector: " + e.getMessage());
            return EX_USAGE;
        }
        Reflector reflector;
        StampReflector stamp = null;
        try {
            reflector = Reflector.start(settings);
        } catch (IOException e) {
            System.err.println("callready-reflector: " + e.getMessage());
            return 69;
        }
        if (!noStamp) {
            try {
                stamp = StampReflector.start(stampSettings);
            } catch (IOException e) {
                if (stampPort != null) {
                    reflector.close();
                    System.err.println("callready-reflector: " + e.getMessage());
                    return 69;
                }
                System.err.println(Instant.now() + " STAMP switched off: " + e.getMessage() + " (choose a port with --stamp-port)");
            }
        }
        StampReflector stampReflector = stamp;
        SipResponder sipResponder = null;
        if (sip) {
            try {
                sipResponder = SipResponder.start(new SipResponderSettings(java.net.InetAddress.getByName(bind), sipUdpPorts, sipTcpPorts));
            } catch (IllegalArgumentException | java.io.IOException e) {
                reflector.close();
                if (stampReflector != null) {
                    stampReflector.close();
                }
                System.err.println("callready-reflector: " + e.getMessage());
                return e instanceof IllegalArgumentException ? EX_USAGE : 69;
            }
            System.out.println(Instant.now() + " SIP responder on udp " + sipResponder.udpPorts() + " and tcp " + sipResponder.tcpPorts());
        }
        StunServer stunServer = null;
        if (stunSettings != null) {
            try {
                stunServer = StunServer.start(stunSettings);
            } catch (IOException e) {
                reflector.close();
                if (stampReflector != null) stampReflector.close();
                if (sipResponder != null) sipResponder.close();
                System.err.println("callready-reflector: " + e.getMessage());
                return 69;
            }
            System.out.println(Instant.now() + " STUN server on udp " + stunServer.addresses()
                    + (stunServer.addresses().size() == 4 ? " (RFC 5780: IP1:P1, IP1:P2, IP2:P1, IP2:P2)" : ""));
        }
        StunServer stunToClose = stunServer;
        SipResponder sipToClose = sipResponder;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (sipToClose != null) {
                sipToClose.close();
            }
            if (stunToClose != null) {
                stunToClose.close();
            }
            reflector.close();
            if (stampReflector != null) {
                stampReflector.close();
            }
            System.out.println(Instant.now() + " reflector stopped: " + counters(reflector, stampReflector, stunToClose));
            stopped.countDown();
        }));
        System.out.println(Instant.now() + " CallReady reflector listening on udp " + reflector.localAddress());
        if (stampReflector != null) {
            System.out.println(Instant.now() + " STAMP session-reflector (" + stampReflector.mode().wireName()
                    + ") listening on udp " + stampReflector.localAddress());
        }
        System.out.flush();
        while (!stopped.await(every.toMillis(), TimeUnit.MILLISECONDS)) {
            System.out.println(Instant.now() + " reflector " + counters(reflector, stampReflector, stunToClose));
        }
        return 0;
    }

    private static String counters(Reflector reflector, StampReflector stamp, StunServer stun) {
        return reflector.counters() + (stamp == null ? "" : " " + stamp.counters()) + (stun == null ? "" : " " + stun.counters());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ReflectorMain.class.getPackage().getImplementationVersion();
            return new String[]{"callready-reflector " + (v == null ? "dev" : v)};
        }
    }
}
