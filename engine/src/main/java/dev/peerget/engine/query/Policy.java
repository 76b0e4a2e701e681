package dev.peerget.engine.query;

import java.util.List;
import java.util.Objects;

/** {@code policy PKG}: the installed and candidate versions per architecture, and every known version. */
public record Policy(String name, String arch, String installed, String candidate, List<VersionRow> versions) {
    public Policy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arch, "arch");
        versions = List.copyOf(versions);
    }
}
