package dev.peerget.model;

import java.util.Objects;

/**
 * The identity of one package build: name, version and architecture. The version is in the format's own
 * notation (Debian {@code [epoch:]upstream[-revision]}, RPM {@code [epoch:]version-release}).
 */
public record PackageId(String name, String version, String arch) {
    public PackageId {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(arch, "arch");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty package name");
        }
    }

    // equals and hashCode written out: the resolver hashes package identities millions of times, and a record's
    // generated methods run through method-handle chains that the quick (C1) compiler peerget runs with leaves
    // slow. The hash is the one the record would compute, so iteration orders stay as they were.
    @Override
    public boolean equals(Object o) {
        return o instanceof PackageId p && name.equals(p.name) && version.equals(p.version) && arch.equals(p.arch);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + version.hashCode()) * 31 + arch.hashCode();
    }

    @Override
    public String toString() {
        return name + " " + version + " " + arch;
    }
}
