package dev.peerget.engine.query;

import java.util.List;
import java.util.Objects;

/**
 * One version in a {@code policy} table: its pin priority (apt) or repository priority (dnf), where it is
 * available and whether it is the installed one.
 */
public record VersionRow(String version, String arch, boolean installed, boolean candidate, List<Source> sources) {
    /** One place the version comes from: a repository (with its priority) or the installed database. */
    public record Source(int priority, String description) {
        public Source {
            Objects.requireNonNull(description, "description");
        }
    }

    public VersionRow {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(arch, "arch");
        sources = List.copyOf(sources);
    }
}
