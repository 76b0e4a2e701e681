package dev.peerget.resolver;

import dev.peerget.model.PackageId;
import dev.peerget.model.PackageRecord;
import java.util.Objects;

/**
 * A package build the resolver may choose: available from a repository, installed, or both (the engine merges
 * an installed build with the same build in a repository). Identity is {@link #id()}.
 *
 * @param record      the package, with relations, provides and files
 * @param source      where it comes from, for messages: a repository name, or {@code @System} when it is only installed
 * @param preference  policy rank among builds of the same name, higher is better (the engine maps apt pin
 *                    priorities and dnf repository priority/cost onto it)
 * @param installed   whether this exact build is installed now
 * @param essential   never to be removed implicitly (Debian Essential/Protected, dnf protected packages)
 */
public record Candidate(PackageRecord record, String source, int preference, boolean installed, boolean essential) {
    public Candidate {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(source, "source");
    }

    public PackageId id() {
        return record.id();
    }

    public String name() {
        return record.name();
    }

    @Override
    public String toString() {
        return record.name() + " " + record.version() + " " + record.arch();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Candidate c && c.id().equals(id());
    }

    @Override
    public int hashCode() {
        return id().hashCode();
    }
}
