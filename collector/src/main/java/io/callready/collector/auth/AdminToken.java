package io.callready.collector.auth;

import io.callready.collector.config.CollectorConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;

/**
 * The bootstrap admin credential: {@code callready.admin.token} when set, otherwise a random token generated
 * once into {@code <data-dir>/admin-token} (mode 0600) and reused on every restart.
 */
@ApplicationScoped
public class AdminToken {
    static final String FILE_NAME = "admin-token";
    static final int MIN_LENGTH = 16;
    private static final Logger LOG = Logger.getLogger(AdminToken.class);

    @Inject
    CollectorConfig config;

    private volatile byte[] tokenHash;

    void onStart(@Observes StartupEvent event) {
        tokenHash = Tokens.sha256(resolve());
    }

    /** Constant-time comparison, so response timing does not reveal how much of a guess was right. */
    public boolean matches(String candidate) {
        byte[] expected = tokenHash;
        return expected != null && candidate != null && MessageDigest.isEqual(expected, Tokens.sha256(candidate));
    }

    private String resolve() {
        if (config.admin().token().isPresent()) {
            String token = config.admin().token().get().strip();
            if (token.length() < MIN_LENGTH) {
                throw new IllegalStateException("callready.admin.token must be at least " + MIN_LENGTH + " characters long");
            }
            LOG.info("Admin API token: from configuration (callready.admin.token)");
            return token;
        }
        Path file = Path.of(config.dataDir()).toAbsolutePath().normalize().resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                String token = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (token.length() < MIN_LENGTH) {
                    throw new IllegalStateException(file + " holds no usable admin token (shorter than " + MIN_LENGTH
                            + " characters); delete it to have a new one generated");
                }
                LOG.infof("Admin API token: in %s", file);
                return token;
            }
            String token = Tokens.newAdminToken();
            writePrivately(file, token);
            LOG.infof("Admin API token: generated into %s", file);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token file " + file, e);
        }
    }

    /** Written to a 0600 temp file and moved into place, so the token is never readable by others, even briefly. */
    private static void writePrivately(Path file, String token) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process created " + file + " at the same time", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
