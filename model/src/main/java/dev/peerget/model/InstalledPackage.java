package dev.peerget.model;

import java.util.Objects;

/**
 * A package present in the installed-package database of a root.
 *
 * @param record what the database says about the package (size, location and checksums are usually absent)
 * @param state  the database's state word: dpkg's status (installed, config-files, half-installed, unpacked, …),
 *               {@code installed} for rpm
 */
public record InstalledPackage(PackageRecord record, String state, boolean held) {
    /** @param held whether the package tool itself holds it (dpkg's {@code hold} selection, as apt-mark sets it) */
    public InstalledPackage {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(state, "state");
    }

    public InstalledPackage(PackageRecord record, String state) {
        this(record, state, false);
    }

    /** Whether the package is fully installed (not only its configuration files left behind). */
    public boolean isInstalled() {
        return state.equals("installed");
    }
}
