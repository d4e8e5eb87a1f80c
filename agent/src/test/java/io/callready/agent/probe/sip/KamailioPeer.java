package io.callready.agent.probe.sip;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Debian's kamailio answering OPTIONS on loopback UDP and TCP (siputils options_reply), as a real SIP server. */
final class KamailioPeer implements AutoCloseable {
    private final Process process;
    final int port;

    private KamailioPeer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static boolean available() {
        return new File("/usr/sbin/kamailio").canExecute();
    }

    static KamailioPeer start(Path dir) throws IOException, InterruptedException {
        int port = SippPeer.freeTcpPort();
        Path cfg = dir.resolve("kamailio.cfg");
        Files.writeString(cfg, """
                #!KAMAILIO
                log_stderror=yes
                children=1
                tcp_children=1
                listen=udp:127.0.0.1:%1$d
                listen=tcp:127.0.0.1:%1$d
                mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
                loadmodule "sl.so"
                loadmodule "pv.so"
                loadmodule "siputils.so"
                loadmodule "textops.so"
                request_route {
                  if (is_method("OPTIONS")) {
                    if ($rU == $null) { options_reply(); } else { sl_send_reply("200","OK"); }
                    exit;
                  }
                  sl_send_reply("501","Not Implemented");
                }
                """.formatted(port));
        Path run = Files.createDirectories(dir.resolve("kamailio-run"));
        Process p = new ProcessBuilder(List.of("/usr/sbin/kamailio", "-f", cfg.toString(), "-DD", "-E", "-Y", run.toString(),
                "-P", run.resolve("kam.pid").toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("kamailio.log").toFile()).start();
        try {
            LoopbackListener.await(p, port, false, Duration.ofSeconds(30), dir.resolve("kamailio.log"));
            LoopbackListener.await(p, port, true, Duration.ofSeconds(30), dir.resolve("kamailio.log"));
        } catch (IOException e) {
            p.destroyForcibly();
            throw e;
        }
        return new KamailioPeer(p, port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
