package io.callready.agent.probe.sip;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The provider host's test servers for the namespace lab, run as one process inside the provider namespace:
 * {@code LabPeersMain BIND_IP DNS_PORT ZONE_FILE TLS_PORT CERT_DIR CERT_NAME}. The DNS server serves the zone file
 * (one record per line); the TLS SIP server presents a self-signed certificate for CERT_NAME. Prints "ready" when
 * both listen, and runs until killed.
 */
public final class LabPeersMain {
    private LabPeersMain() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress bind = InetAddress.getByName(args[0]);
        List<String> zone = Files.readAllLines(Path.of(args[2])).stream().filter(l -> !l.isBlank()).toList();
        Path store = TestCertificates.generate(Path.of(args[4]), args[5], "dns:" + args[5]);
        try (TestDnsServer dns = new TestDnsServer(zone, new InetSocketAddress(bind, Integer.parseInt(args[1])));
             TlsSipServer tls = new TlsSipServer(TestCertificates.serverContext(store), 200, new InetSocketAddress(bind, Integer.parseInt(args[3])))) {
            System.out.println("ready dns " + dns.address() + " tls " + tls.port());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
