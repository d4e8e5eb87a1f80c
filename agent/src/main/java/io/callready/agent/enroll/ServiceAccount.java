package io.callready.agent.enroll;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;

/**
 * The user the agent runs as: the owner of its state directory. When root enrolls an agent whose state directory
 * belongs to a service user (the package's {@code callready}), the token must be that user's and the config readable
 * by its group, or the service could not read them; when the user who runs the agent enrolls it, nothing changes.
 *
 * @param user  the state directory's owner
 * @param group the state directory's group
 * @param other whether that owner is another user than the one enrolling
 */
public record ServiceAccount(UserPrincipal user, GroupPrincipal group, boolean other) {

    public static ServiceAccount ownerOf(Path stateDir) throws IOException {
        PosixFileAttributes dir = Files.readAttributes(stateDir, PosixFileAttributes.class);
        UserPrincipal me = FileSystems.getDefault().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        return new ServiceAccount(dir.owner(), dir.group(), !dir.owner().equals(me));
    }
}
