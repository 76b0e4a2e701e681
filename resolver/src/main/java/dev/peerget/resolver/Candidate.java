package dev.peerget.resolver;

import dev.peerget.model.PackageId;
import dev.peerget.model.PackageRecord;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A package build the resolver may choose: available from a repository, installed, or both (the engine merges
 * an installed build with the same build in a repository). Identity is {@link #id()}.
 *
 * <ul>
 *   <li>{@code record}: the package, with relations, provides and files;
 *   <li>{@code source}: where it comes from, for messages: a repository name, or {@code @System} when it is only
 *       installed;
 *   <li>{@code preference}: policy rank among builds of the same name, higher is better (the engine maps apt pin
 *       priorities and dnf repository priority/cost onto it);
 *   <li>{@code installed}: whether this exact build is installed now;
 *   <li>{@code essential}: never to be removed implicitly (Debian Essential/Protected, dnf protected packages).
 * </ul>
 */
public final class Candidate {
    private final PackageRecord record;
    private final String source;
    private final int preference;
    private final boolean installed;
    private final boolean essential;
    /**
     * The identity's hash, kept here: the slicer's and encoder's maps and sets hash candidates millions of times,
     * and reaching it through the record and its id reads two more objects, each a likely cache miss (a profile of
     * texlive-full's plan had 5-7 % of its samples there). A class rather than a record only for this field.
     */
    private final int hash;

    public Candidate(PackageRecord record, String source, int preference, boolean installed, boolean essential) {
        this.record = Objects.requireNonNull(record, "record");
        this.source = Objects.requireNonNull(source, "source");
        this.preference = preference;
        this.installed = installed;
        this.essential = essential;
        this.hash = record.id().hashCode();
    }

    public PackageRecord record() {
        return record;
    }

    public String source() {
        return source;
    }

    public int preference() {
        return preference;
    }

    public boolean installed() {
        return installed;
    }

    public boolean essential() {
        return essential;
    }

    public PackageId id() {
        return record.id();
    }

    public String name() {
        return record.name();
    }

    /**
     * Every name this build answers to when a relation or {@link Universe#providers} asks for one: its own, its
     * provides, its files; each once, in that order.
     */
    public Set<String> capabilities() {
        Set<String> names = new LinkedHashSet<>();
        names.add(record.name());
        record.provides().forEach(p -> names.add(p.name()));
        names.addAll(record.files());
        return names;
    }

    @Override
    public String toString() {
        return record.name() + " " + record.version() + " " + record.arch();
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Candidate c && c.hash == hash && c.id().equals(id());
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
