package dev.peerget.model;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A package's relations kept as the text of its format they were read from, and parsed when first used. An index
 * parser that has checked the text hands one of these instead of a parsed list: storing Debian's 63,000 packages
 * then needs neither the objects nor their encoding, only the text (docs/benchmarks.md), and a package whose
 * relations nobody asks for is never parsed. Immutable; {@link PackageRecord} keeps it as it is. Thread-safe: two
 * threads that read it first may both parse it, and get equal lists.
 */
public abstract class DeferredRelations extends AbstractList<Relation> implements RandomAccess {
    private volatile List<Relation> parsed;

    /** The format whose syntax {@link #text()} is written in. */
    public abstract PackageFormat format();

    /** The text, as the format's own reader reads it back (for the store). */
    public abstract String text();

    /**
     * Parses the text. Called when the list is first read; the text was checked when it was read from its index,
     * so a failure here means it was changed since (an {@link IllegalStateException}).
     */
    protected abstract List<Relation> parse();

    /**
     * The relations of {@code kind}, in order: from the parsed list once there is one, else as {@link #parseKind}
     * gives them (without parsing the rest).
     */
    public final List<Relation> ofKind(RelationKind kind) {
        List<Relation> all = parsed;
        return all != null ? filter(all, kind) : parseKind(kind);
    }

    /** The relations of {@code kind} before the list is parsed; a subclass may parse only those. */
    protected List<Relation> parseKind(RelationKind kind) {
        return filter(relations(), kind);
    }

    private static List<Relation> filter(List<Relation> relations, RelationKind kind) {
        List<Relation> out = new ArrayList<>();
        for (Relation r : relations) {
            if (r.kind() == kind) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public final Relation get(int index) {
        return relations().get(index);
    }

    @Override
    public final int size() {
        return relations().size();
    }

    private List<Relation> relations() {
        List<Relation> r = parsed;
        if (r == null) {
            r = List.copyOf(parse());
            parsed = r;
        }
        return r;
    }
}
