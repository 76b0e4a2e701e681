package dev.peerget.engine.query;

import java.util.List;
import java.util.Objects;

/**
 * One version in a {@code policy} table, where it is available and whether it is the installed one.
 *
 * @param priority the version's own priority: for apt its pin ({@code pkgPolicy::GetPriority(Ver)}: the first
 *                 preference record naming its package that matches, else the highest priority of the indexes
 *                 listing it), which may differ from every source's; for dnf the best repository priority
 */
public record VersionRow(String version, String arch, int priority, boolean installed, boolean candidate,
                         List<Source> sources) {
    /**
     * One place the version comes from: a Packages index (with the index's priority, apt's
     * {@code GetPriority(File)}), dpkg's status file, a yum repository or the rpm database.
     */
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
