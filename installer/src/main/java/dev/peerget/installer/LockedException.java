package dev.peerget.installer;

import java.nio.file.Path;
import java.util.OptionalLong;

/** Another process holds a lock of the root ("Could not get lock … It is held by process N (name)"). */
public final class LockedException extends InstallerException {
    private static final long serialVersionUID = 1L;
    private final transient Path lockFile;
    private final long holderPid;

    public LockedException(String message, String hint, Path lockFile, OptionalLong holderPid) {
        super(message, hint);
        this.lockFile = lockFile;
        this.holderPid = holderPid.orElse(-1);
    }

    /** The lock file that could not be locked. */
    public Path lockFile() {
        return lockFile;
    }

    /** The process holding the lock, when it could be found. */
    public OptionalLong holderPid() {
        return holderPid < 0 ? OptionalLong.empty() : OptionalLong.of(holderPid);
    }
}
