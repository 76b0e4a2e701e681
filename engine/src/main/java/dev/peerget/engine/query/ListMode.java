package dev.peerget.engine.query;

/** Which packages {@code list} shows. */
public enum ListMode {
    /** The candidate of every available package (apt list's default). */
    AVAILABLE,
    /** Installed packages only. */
    INSTALLED,
    /** Installed packages with a newer candidate. */
    UPGRADABLE,
    /** Every available version. */
    ALL_VERSIONS
}
