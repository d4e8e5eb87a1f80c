package io.callready.agent.probe.sip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Waits until a peer process has bound its port on 127.0.0.1, read from the kernel's socket tables rather than
 * guessed with a sleep: a server that starts slowly on a busy machine is waited for, one that died is reported.
 */
final class LoopbackListener {
    private static final String TCP_LISTEN = "0A";

    private LoopbackListener() {
    }

    /** @param tcp true for a listening TCP socket, false for a bound UDP one */
    static void await(Process process, int port, boolean tcp, Duration timeout, Path log) throws IOException, InterruptedException {
        String local = String.format(Locale.ROOT, "0100007F:%04X", port);
        Path table = Path.of(tcp ? "/proc/net/tcp" : "/proc/net/udp");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!bound(table, local, tcp)) {
            if (!process.isAlive()) {
                throw new IOException("the peer exited before binding " + (tcp ? "tcp" : "udp") + " port " + port + ": "
                        + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the peer did not bind " + (tcp ? "tcp" : "udp") + " port " + port + " within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    private static boolean bound(Path table, String local, boolean tcp) throws IOException {
        for (String line : Files.readAllLines(table)) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && f[1].equals(local) && (!tcp || f[3].equals(TCP_LISTEN))) {
                return true;
            }
        }
        return false;
    }
}
