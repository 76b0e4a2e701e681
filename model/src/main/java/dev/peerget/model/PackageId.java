package dev.peerget.model;

import java.util.Objects;

/**
 * The identity of one package build: name, version and architecture. The version is in the format's own
 * notation (Debian {@code [epoch:]upstream[-revision]}, RPM {@code [epoch:]version-release}).
 */
public final class PackageId {
    private final String name;
    private final String version;
    private final String arch;
    /**
     * Computed once. The resolver hashes package identities millions of times (its maps and sets of candidates),
     * and a hash that reads three strings reads three more objects, each a likely cache miss on a large heap: a
     * profile of texlive-full's plan had 7 % of its samples in this method. It is the hash a record would compute,
     * so iteration orders stay as they were. (A class rather than a record only for this field.)
     */
    private final int hash;

    public PackageId(String name, String version, String arch) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(arch, "arch");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty package name");
        }
        this.name = name;
        this.version = version;
        this.arch = arch;
        this.hash = (name.hashCode() * 31 + version.hashCode()) * 31 + arch.hashCode();
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public String arch() {
        return arch;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof PackageId p && hash == p.hash && name.equals(p.name)
                && version.equals(p.version) && arch.equals(p.arch);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return name + " " + version + " " + arch;
    }
}
