package dev.peerget.installer;

/** What a transaction does to one package; recorded in the history and inverted by {@link History#undo}. */
public enum Action {
    /** A package that was not installed (a {@code config-files} remnant counts as not installed). */
    INSTALL,
    /** A newer version replaces the installed one. */
    UPGRADE,
    /** An older version replaces the installed one. */
    DOWNGRADE,
    /** The installed version is unpacked again. */
    REINSTALL,
    /** The package is removed; dpkg keeps its configuration files. */
    REMOVE,
    /** The package is removed with its configuration files (dpkg {@code --purge}; for rpm the same as remove). */
    PURGE,
    /** A package an interrupted run left unconfigured is configured ({@link Installer#recover}). */
    CONFIGURE;

    /** Whether the action puts a package file onto the system. */
    public boolean installsFile() {
        return this == INSTALL || this == UPGRADE || this == DOWNGRADE || this == REINSTALL;
    }
}
