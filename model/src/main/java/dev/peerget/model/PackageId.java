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

    @Override
    public String toString() {
        return name + " " + version + " " + arch;
    }
}
