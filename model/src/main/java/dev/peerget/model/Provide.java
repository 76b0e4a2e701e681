package dev.peerget.model;

import java.util.Objects;

/** A capability a package provides: a virtual package name (Debian) or a provide (RPM), optionally versioned. */
public record Provide(String name, String version) {
    public Provide {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty provide name");
        }
        if (version != null && version.isEmpty()) {
            version = null;
        }
    }

    /** An unversioned provide. */
    public static Provide of(String name) {
        return new Provide(name, null);
    }

    @Override
    public String toString() {
        return version == null ? name : name + " = " + version;
    }
}
