package io.callready.agent.enroll;

import java.io.IOException;
import java.nio.file.Path;

/** The agent's bearer token on disk: only the agent's user may read it. */
public final class TokenFile {
    private TokenFile() {
    }

    public static void write(Path file, String token, ServiceAccount account) throws IOException {
        if (account.other()) {
            PrivateFiles.write(file, token + "\n", "rw-------", account.user(), account.group());
        } else {
            PrivateFiles.write(file, token + "\n", "rw-------");
        }
    }
}
