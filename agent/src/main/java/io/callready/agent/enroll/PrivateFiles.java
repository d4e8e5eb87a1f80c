package io.callready.agent.enroll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

/**
 * Writes a file whole or not at all (temp file + rename), created with the given POSIX mode from the start and
 * given to its owner and group (either null: unchanged) before it takes the final name.
 */
final class PrivateFiles {
    private PrivateFiles() {
    }

    static void write(Path file, String text, String mode) throws IOException {
        write(file, text, mode, null, null);
    }

    static void write(Path file, String text, String mode, UserPrincipal owner, GroupPrincipal group) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            PosixFileAttributeView attributes = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
            if (owner != null) {
                attributes.setOwner(owner);
            }
            if (group != null) {
                attributes.setGroup(group);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
