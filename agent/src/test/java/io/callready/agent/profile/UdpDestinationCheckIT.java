package io.callready.agent.profile;

import io.callready.agent.profile.CheckItem.Status;
import io.callready.report.profile.ProviderProfile;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A profile's UDP STUN destination against Debian's coturn (STUN only, no config file) on a free loopback port. */
class UdpDestinationCheckIT {
    private static final CheckOptions OPTIONS = new CheckOptions(null, 5060, null, null, CheckOptions.DEFAULT_SIP_TIMEOUT);

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        }
    }

    @Test
    void aStunServerPassesWithTheMappedAddressAndASilentPortFails() throws Exception {
        assertThat(new File("/usr/bin/turnserver").canExecute()).as("coturn is missing: run scripts/install-deps.sh").isTrue();
        int port = freeUdpPort();
        Path log = Files.createTempFile("coturn", ".log");
        Process coturn = new ProcessBuilder(List.of("/usr/bin/turnserver", "-n", "--listening-ip=127.0.0.1", "--listening-port=" + port,
                "--no-tls", "--no-dtls", "--no-tcp", "--stun-only", "--no-cli", "--log-file=stdout",
                "--pidfile=" + log.resolveSibling(log.getFileName() + ".pid")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (UdpDestinationCheck.binding(server) == null && System.nanoTime() < deadline) {
                assertThat(coturn.isAlive()).as(Files.readString(log)).isTrue();
            }
            CheckItem item = UdpDestinationCheck.item(new ProviderProfile.OtherPort("127.0.0.1", port, "udp", "STUN"), OPTIONS);
            assertThat(item.status()).as(item.evidence()).isEqualTo(Status.PASS);
            assertThat(item.evidence()).contains("STUN Binding answered by 127.0.0.1:" + port).contains("the site is seen as 127.0.0.1:");
            assertThat(item.fix()).isNull();
        } finally {
            coturn.destroy();
            if (!coturn.waitFor(5, TimeUnit.SECONDS)) coturn.destroyForcibly();
        }
        CheckItem silent = UdpDestinationCheck.item(new ProviderProfile.OtherPort("127.0.0.1", freeUdpPort(), "udp", "STUN"), OPTIONS);
        assertThat(silent.status()).isEqualTo(Status.FAIL);
        assertThat(silent.evidence()).contains("no STUN Binding response");
        assertThat(silent.fix()).startsWith("allow outbound UDP");
    }
}
