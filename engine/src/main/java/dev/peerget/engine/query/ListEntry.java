package dev.peerget.engine.query;

import dev.peerget.model.InstalledPackage;
import java.util.Objects;

/**
 * One line of {@code list}: a package version with its state.
 *
 * @param name       package name
 * @param version    the version this line is about
 * @param arch       architecture
 * @param origin     suite or repository id it is available from; empty for installed-only packages
 * @param installed  the installed package of this name and architecture, null when none
 * @param upgradable the candidate version when it is newer than the installed one, null otherwise
 */
public record ListEntry(String name, String version, String arch, String origin, InstalledPackage installed,
                        String upgradable) {
    public ListEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(origin, "origin");
    }

    /** Whether this line's version is the installed one. */
    public boolean isInstalledVersion() {
        return installed != null && installed.record().version().equals(version);
    }
}
