package dev.peerget.model;

/** The two package worlds peerget serves. */
public enum PackageFormat {
    /** Debian: {@code .deb} files installed by dpkg, apt repositories. */
    DEB,
    /** RPM: {@code .rpm} files installed by rpm, yum/dnf repositories. */
    RPM;

    /** Lower-case name as used in configuration and JSON output. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
