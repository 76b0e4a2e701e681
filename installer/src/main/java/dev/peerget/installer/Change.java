package dev.peerget.installer;

import java.util.Objects;

/**
 * What a transaction did to one package, as the history records it.
 *
 * @param action     what was asked
 * @param name       package name
 * @param arch       architecture
 * @param oldVersion version installed before, null if none
 * @param newVersion version asked for, null for removals
 * @param automatic  whether the package changed as a dependency rather than at the user's request
 * @param result     whether the package database shows the change done
 * @param run        the last dpkg/rpm run that processed the package (its exit code and output tail), null if
 *                   the transaction stopped before any run reached it
 * @param prior      what the package was before the transaction, with its mark, so that an undo restores
 *                   both; {@link Prior#INSTALLED} when the mark is not recorded (history written before marks
 *                   were, or a transaction whose caller did not give them)
 */
public record Change(Action action, String name, String arch, String oldVersion, String newVersion,
                     boolean automatic, Result result, ToolRun run, Prior prior) {
    public Change {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(result, "result");
        if (prior == null) {
            prior = oldVersion == null ? Prior.ABSENT : Prior.INSTALLED;
        }
    }

    /** A change whose prior state is only known from {@code oldVersion} (absent, or installed with no mark). */
    public Change(Action action, String name, String arch, String oldVersion, String newVersion,
                  boolean automatic, Result result, ToolRun run) {
        this(action, name, arch, oldVersion, newVersion, automatic, result, run, null);
    }

    /** Whether the change is done, failed, or not known yet (its transaction still runs or was killed). */
    public enum Result { OK, FAILED, PENDING }

    /** What a package was before its transaction. */
    public enum Prior {
        /** Not installed. */
        ABSENT,
        /** Not installed, but dpkg kept its configuration files (state {@code config-files}, "rc"). */
        CONFIG_FILES,
        /** Installed and marked automatic (a dependency, for autoremove). */
        AUTOMATIC,
        /** Installed and marked manual. */
        MANUAL,
        /** Installed; its mark was not recorded (undo restores it as manual). */
        INSTALLED
    }

    public Change withResult(Result newResult, ToolRun newRun) {
        return new Change(action, name, arch, oldVersion, newVersion, automatic, newResult, newRun, prior);
    }
}
