package dev.peerget.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Who asked for a transaction, as the history records it.
 *
 * @param uid  numeric user id
 * @param user user name, or the uid in decimal when the name is unknown
 */
public record Requester(int uid, String user) {
    public Requester {
        Objects.requireNonNull(user, "user");
    }

    /**
     * The effective user of this process, from the owner of {@code /proc/self} (Linux): no environment variable
     * is read. A CLI that wants the user behind {@code sudo} builds its own value.
     */
    public static Requester currentProcess() {
        Path self = Path.of("/proc/self");
        try {
            int uid = (Integer) Files.getAttribute(self, "unix:uid");
            String name = Files.getOwner(self).getName();
            return new Requester(uid, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the owner of " + self, e);
        }
    }
}
