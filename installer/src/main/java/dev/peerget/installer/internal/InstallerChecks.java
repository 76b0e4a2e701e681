package dev.peerget.installer.internal;

import dev.peerget.installer.InstallerException;
import dev.peerget.installer.RootLock;
import dev.peerget.installer.Step;
import dev.peerget.installer.Transaction;
import dev.peerget.model.Layout;
import dev.peerget.model.PackageFormat;
import java.nio.file.Files;

/** Preconditions both installers check before they touch a root. */
public final class InstallerChecks {
    private InstallerChecks() {
    }

    public static void requireLock(RootLock lock, Layout layout) {
        if (lock == null || !lock.isHeld() || !lock.layout().equals(layout)) {
            throw new IllegalStateException("the root lock of " + layout.root() + " is not held (got " + lock + ")");
        }
    }

    public static void requireFormat(Transaction transaction, PackageFormat format) {
        if (transaction.format() != format) {
            throw new IllegalArgumentException("a " + transaction.format().id() + " transaction given to the "
                    + format.id() + " installer");
        }
    }

    public static void requireFiles(Transaction transaction) {
        for (Step s : transaction.steps()) {
            if (s instanceof Step.Install i && !Files.isRegularFile(i.file())) {
                throw new InstallerException("package file " + i.file() + " for " + i.record().id()
                        + " does not exist", "fetch it again; it may have been removed from the cache meanwhile");
            }
        }
    }
}
