package dev.peerget.model;

/** Debian's Multi-Arch field (Debian Policy §5.6.31 and the MultiArch spec); RPM packages are {@link #NO}. */
public enum MultiArch {
    NO, SAME, FOREIGN, ALLOWED
}
