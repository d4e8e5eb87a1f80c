package io.callready.reflector;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Every usage error exits 64 (EX_USAGE) with a message and no Java class name; nothing is started. */
class ReflectorMainTest {
    private static String lastErr;

    private static int run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return ReflectorMain.execute(args);
        } finally {
            System.setErr(saved);
            lastErr = err.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void unknownOptionExits64LikeEveryOtherUsageError() {
        assertThat(run("--no-such-option")).isEqualTo(64);
        assertThat(lastErr).contains("callready-reflector: Unknown option: '--no-such-option'").doesNotContain("Exception");
        assertThat(run("--port", "many")).isEqualTo(64);
        assertThat(run("--stamp-mode", "sometimes")).isEqualTo(64);
        assertThat(lastErr).startsWith("callready-reflector: ").doesNotContain("java.");
        assertThat(run("--stamp-port", "70000")).isEqualTo(64);
        assertThat(lastErr).contains("--stamp-port must be 0..65535");
    }

    @Test
    void stunOptionsThatCannotWorkAreUsageErrors() {
        assertThat(run("--stun-alt", "127.0.0.2:3479")).isEqualTo(64);
        assertThat(lastErr).contains("--stun-alt needs --stun");
        assertThat(run("--stun", "127.0.0.1:3478", "--stun-alt", "127.0.0.1:3479")).isEqualTo(64);
        assertThat(lastErr).contains("--stun-alt must use another IP address than --stun");
        assertThat(run("--stun", "127.0.0.1:3478", "--stun-alt", "127.0.0.2:3478")).isEqualTo(64);
        assertThat(lastErr).contains("--stun-alt must use another port than --stun");
        assertThat(run("--stun", "127.0.0.1:3478", "--stun-alt", "3479")).isEqualTo(64);
        assertThat(lastErr).contains("--stun-alt must be ADDR:PORT");
        assertThat(run("--stun", "stun.example.net:3478")).isEqualTo(64);
        assertThat(lastErr).contains("--stun needs a numeric IP address").doesNotContain("Exception");
        assertThat(run("--stun", "70000")).isEqualTo(64);
        assertThat(lastErr).contains("--stun port must be 0..65535");
    }
}
