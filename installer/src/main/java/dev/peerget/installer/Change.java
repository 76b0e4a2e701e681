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
 */
public record Change(Action action, String name, String arch, String oldVersion, String newVersion,
                     boolean automatic, Result result, ToolRun run) {
    public Change {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(result, "result");
    }

    /** Whether the change is done, failed, or not known yet (its transaction still runs or was killed). */
    public enum Result { OK, FAILED, PENDING }

    public Change withResult(Result newResult, ToolRun newRun) {
        return new Change(action, name, arch, oldVersion, newVersion, automatic, newResult, newRun);
    }
}
