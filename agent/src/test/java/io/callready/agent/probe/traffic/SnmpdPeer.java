package io.callready.agent.probe.traffic;

import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Debian net-snmp {@code snmpd} on 127.0.0.1 at a free UDP port, with its own config, pid file and persistent
 * directory (so it never writes the host's /var/lib/snmp), MIB files off. It reports the host's interfaces; the
 * ifTable cache is switched off so each GET reads the kernel's counters.
 */
public final class SnmpdPeer implements AutoCloseable {
    public static final String COMMUNITY = "crtr-ro-community";
    static final String WRITE_COMMUNITY = "crtr-rw-community";
    /** nsCacheTimeout of the ifTable (NET-SNMP-AGENT-MIB), index = the table's OID. */
    private static final OID IF_TABLE_CACHE_TIMEOUT = new OID("1.3.6.1.4.1.8072.1.5.3.1.2.1.3.6.1.2.1.2.2");

    /** One v3 user: {@code createUser NAME AUTH "AUTHPASS" PRIV "PRIVPASS"} in net-snmp's spelling (SHA-256, AES, AES-256). */
    public record User(String name, String auth, String authPass, String priv, String privPass) {
    }

    public final int port;
    private final Process process;
    private final Path dir;

    private SnmpdPeer(int port, Process process, Path dir) {
        this.port = port;
        this.process = process;
        this.dir = dir;
    }

    public static SnmpdPeer start(List<User> users) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/sbin/snmpd"))) {
            throw new IllegalStateException("/usr/sbin/snmpd is missing: run scripts/install-deps.sh (Debian package snmpd)");
        }
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Path dir = Files.createTempDirectory("crtr-snmpd");
            int port = freeUdpPort();
            StringBuilder conf = new StringBuilder()
                    .append("agentAddress udp:127.0.0.1:").append(port).append('\n')
                    .append("rocommunity ").append(COMMUNITY).append(" 127.0.0.1\n")
                    .append("rwcommunity ").append(WRITE_COMMUNITY).append(" 127.0.0.1 .1.3.6.1.4.1.8072.1.5\n");
            for (User u : users) {
                conf.append("createUser ").append(u.name()).append(' ').append(u.auth()).append(" \"").append(u.authPass()).append("\" ")
                        .append(u.priv()).append(" \"").append(u.privPass()).append("\"\n")
                        .append("rouser ").append(u.name()).append(" priv\n");
            }
            Files.writeString(dir.resolve("snmpd.conf"), conf, StandardCharsets.US_ASCII);
            Files.createDirectories(dir.resolve("persist"));
            ProcessBuilder pb = new ProcessBuilder("/usr/sbin/snmpd", "-f", "-C", "-c", dir.resolve("snmpd.conf").toString(),
                    "-p", dir.resolve("snmpd.pid").toString(), "-Lf", dir.resolve("snmpd.log").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("snmpd.out").toFile());
            pb.environment().put("MIBS", "");
            pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
            Process p = pb.start();
            SnmpdPeer peer = new SnmpdPeer(port, p, dir);
            if (peer.awaitAnswer()) {
                peer.disableIfTableCache();
                return peer;
            }
            last = new IOException("snmpd did not answer on udp 127.0.0.1:" + port + ": " + peer.log());
            peer.close();
        }
        throw last;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    private boolean awaitAnswer() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (set(null) != null) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Lets each GET read the kernel's counters: net-snmp otherwise keeps the ifTable for 3 s. */
    private void disableIfTableCache() throws IOException {
        PDU answer = set(new VariableBinding(IF_TABLE_CACHE_TIMEOUT, new Integer32(0)));
        if (answer == null || answer.getErrorStatus() != PDU.noError) {
            throw new IOException("snmpd refused nsCacheTimeout 0: " + answer);
        }
    }

    /** A SET with the write community, or (binding null) a GET of sysUpTime; null when snmpd does not answer. */
    private PDU set(VariableBinding binding) throws IOException {
        try (Snmp snmp = new Snmp(new DefaultUdpTransportMapping())) {
            snmp.listen();
            CommunityTarget<UdpAddress> t = new CommunityTarget<>(new UdpAddress(InetAddress.getLoopbackAddress(), port),
                    new OctetString(WRITE_COMMUNITY));
            t.setVersion(SnmpConstants.version2c);
            t.setTimeout(300);
            t.setRetries(0);
            PDU pdu = new PDU();
            pdu.setType(binding == null ? PDU.GET : PDU.SET);
            pdu.add(binding == null ? new VariableBinding(new OID("1.3.6.1.2.1.1.3.0")) : binding);
            ResponseEvent<UdpAddress> e = snmp.send(pdu, t);
            return e == null ? null : e.getResponse();
        }
    }

    String log() {
        try {
            return Files.readString(dir.resolve("snmpd.out")) + Files.readString(dir.resolve("snmpd.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind holds no secrets of anyone's
        }
    }
}
