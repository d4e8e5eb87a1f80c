package io.callready.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The collector bearer token from {@code collector.token} or {@code collector.token_file}. A token file is read once
 * at start (a missing or empty file is a config error) and again before each request, so a rotated token is picked
 * up; if a later read fails, the last good token is used.
 */
public final class TokenSource implements Supplier<String> {
    private static final Logger LOG = Logger.getLogger(TokenSource.class.getName());

    private final Path file;
    private volatile String token;

    private TokenSource(Path file, String token) {
        this.file = file;
        this.token = token;
    }

    public static TokenSource of(CollectorSection collector) throws ConfigException {
        if (collector.token() != null) {
            return new TokenSource(null, collector.token());
        }
        Path file = collector.tokenFilePath();
        try {
            return new TokenSource(file, read(file));
        } catch (IOException e) {
            throw new ConfigException("collector.token_file: cannot read " + file + ": " + IoErrors.describe(e));
        } catch (IllegalStateException e) {
            throw new ConfigException("collector.token_file: " + e.getMessage());
        }
    }

    @Override
    public String get() {
        if (file != null) {
            try {
                token = read(file);
            } catch (IOException | IllegalStateException e) {
                LOG.warning("cannot re-read token file " + file + " (" + e.getMessage() + "); using the token read before");
            }
        }
        return token;
    }

    private static String read(Path file) throws IOException {
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
            throw new IllegalStateException(file + " is empty");
        }
        return value;
    }
}
