package io.callready.agent.probe.sip;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real sipp UAS answering OPTIONS on loopback, one process per transport. */
final class SippPeer implements AutoCloseable {
    private final Process process;
    final int port;

    private SippPeer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static boolean available() {
        return new File("/usr/bin/sipp").canExecute();
    }

    /** @param transport sipp's -t value: u1 (UDP) or t1 (TCP) */
    static SippPeer start(String transport, Path workDir) throws IOException, InterruptedException {
        Path scenario = workDir.resolve("uas_options.xml");
        try (var in = SippPeer.class.getResourceAsStream("/sip/uas_options.xml")) {
            Files.copy(in, scenario, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        int port = transport.startsWith("u") ? freeUdpPort() : freeTcpPort();
        Process p = new ProcessBuilder(List.of("sipp", "-sf", scenario.toString(), "-i", "127.0.0.1", "-p", Integer.toString(port),
                "-t", transport, "-nostdin", "-m", "20", "-trace_err"))
                .directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("sipp-" + transport + ".log").toFile()).start();
        try {
            LoopbackListener.await(p, port, !transport.startsWith("u"), Duration.ofSeconds(30), workDir.resolve("sipp-" + transport + ".log"));
        } catch (IOException e) {
            p.destroyForcibly();
            throw e;
        }
        return new SippPeer(p, port);
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
