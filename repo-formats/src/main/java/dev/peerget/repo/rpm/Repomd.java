package dev.peerget.repo.rpm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The index of a yum/dnf repository, {@code repodata/repomd.xml}: which metadata files exist and their digests.
 * It is the only file a repository signs ({@code repomd.xml.asc}); everything else is trusted through the
 * checksums listed here. Immutable and thread-safe.
 *
 * @param revision {@code <revision>}, empty when absent (createrepo_c writes a timestamp by default)
 * @param data     the {@code <data>} entries in document order, unknown types included
 */
public record Repomd(String revision, List<RepomdData> data) {
    public Repomd {
        revision = Objects.requireNonNullElse(revision, "");
        data = List.copyOf(data);
    }

    /** The first entry of {@code type}, e.g. {@code "primary"}. */
    public Optional<RepomdData> data(String type) {
        for (RepomdData d : data) {
            if (d.type().equals(type)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
