package dev.peerget.resolver.internal;

import dev.peerget.model.FormatRules;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.resolver.Candidate;
import dev.peerget.resolver.Universe;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The candidates that can matter for one request, as collected by the {@link Slicer}, with cached matching.
 * Candidates outside the slice are never chosen, so every lookup answers with members only.
 *
 * <p>Invariants: members are in discovery order (deterministic for a deterministic universe); every installed
 * candidate is a member. Not thread-safe.
 */
public final class Slice {
    private final Universe universe;
    private final Set<Candidate> members;
    /** Names whose providers the slicer looked up; those of other names are found among the members. */
    private final Set<String> asked;
    private final Map<String, List<Candidate>> byName = new LinkedHashMap<>();
    private final Map<Key, Set<Candidate>> satisfiers = new HashMap<>();
    /** Members by every name they answer to (own name, provides, files), built on first use. */
    private Map<String, List<Candidate>> byCapability;

    private record Key(Requirement.Atom atom, Object dependent, RelationKind kind) {
        // Written out for speed, as in PackageId: every dependency lookup of the encoding hashes one.
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && atom.equals(k.atom) && Objects.equals(dependent, k.dependent) && kind == k.kind;
        }

        @Override
        public int hashCode() {
            return (atom.hashCode() * 31 + Objects.hashCode(dependent)) * 31 + Objects.hashCode(kind);
        }
    }

    Slice(Universe universe, Collection<Candidate> members, Set<String> asked) {
        this.universe = universe;
        this.members = new LinkedHashSet<>(members);
        this.asked = Set.copyOf(asked);
        for (Candidate c : this.members) {
            byName.computeIfAbsent(c.name(), n -> new ArrayList<>()).add(c);
        }
    }

    public Universe universe() {
        return universe;
    }

    public FormatRules rules() {
        return universe.rules();
    }

    public Set<Candidate> members() {
        return members;
    }

    public boolean contains(Candidate c) {
        return members.contains(c);
    }

    /** Members called exactly {@code name}. */
    public List<Candidate> named(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** Names of all members, in discovery order. */
    public Set<String> names() {
        return byName.keySet();
    }

    /**
     * Members satisfying {@code atom} in a positive relation of {@code dependent} (null for the user). Shared
     * by all dependents with the same {@link FormatRules#satisfiesKey}.
     */
    public Set<Candidate> satisfiers(Requirement.Atom atom, Candidate dependent) {
        PackageRecord dep = dependent == null ? null : dependent.record();
        return satisfiers.computeIfAbsent(new Key(atom, dep == null ? null : rules().satisfiesKey(dep), null), k -> {
            Set<Candidate> out = new LinkedHashSet<>();
            // A name the slicer never looked up (a weak dependency of a candidate it did not follow) is not
            // looked up now either: whatever provides it in the slice is a member that answers to it.
            List<Candidate> pool = asked.contains(atom.name()) ? universe.providers(atom.name())
                    : byCapability().getOrDefault(atom.name(), List.of());
            for (Candidate p : pool) {
                if (members.contains(p) && rules().satisfies(p.record(), atom, dep)) {
                    out.add(p);
                }
            }
            return out;
        });
    }

    /**
     * Members other than {@code dependent} that its negative relation of {@code kind} on {@code atom} forbids.
     * Looked up among the members (the slicer does not ask the universe for the names of negative relations).
     */
    public Set<Candidate> forbidden(Candidate dependent, RelationKind kind, Requirement.Atom atom) {
        return satisfiers.computeIfAbsent(new Key(atom, dependent.id(), kind), k -> {
            Set<Candidate> out = new LinkedHashSet<>();
            for (Candidate p : byCapability().getOrDefault(atom.name(), List.of())) {
                if (!p.equals(dependent)
                        && rules().forbids(dependent.record(), kind, atom, p.record())) {
                    out.add(p);
                }
            }
            return out;
        });
    }

    private Map<String, List<Candidate>> byCapability() {
        if (byCapability == null) {
            byCapability = new HashMap<>();
            for (Candidate c : members) {
                for (String n : c.capabilities()) {
                    byCapability.computeIfAbsent(n, k -> new ArrayList<>()).add(c);
                }
            }
        }
        return byCapability;
    }

    /** Every atom in a requirement tree, depth first. */
    public static List<Requirement.Atom> atoms(Requirement r) {
        return r.atoms();
    }

    @Override
    public String toString() {
        return "Slice[" + members.size() + " candidates]";
    }

}
