package dev.peerget.repo.deb;

import dev.peerget.model.DeferredRelations;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.repo.MetadataException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Debian package's relation fields kept as written, parsed by {@link DebRelationParser} when first read. The
 * index parser checks every field as it reads it ({@link DebRelationParser#validate}), so a malformed index is
 * still refused when it is read; what it saves is building the objects, for packages whose relations nobody
 * reads before the next update.
 *
 * <p>{@link #text()} holds the fields in order, each as a one-letter code for its kind, the value's length in
 * decimal, a colon and the value: lengths rather than separators, so no character of a value needs escaping.
 */
public final class DebRelations extends DeferredRelations {
    /** The fields in the order of the codes: D(epends), P(re-Depends), R(ecommends) and so on. */
    private static final String CODES = "DPRSECBX";
    private static final RelationKind[] KINDS = {RelationKind.DEPENDS, RelationKind.PRE_DEPENDS,
        RelationKind.RECOMMENDS, RelationKind.SUGGESTS, RelationKind.ENHANCES, RelationKind.CONFLICTS,
        RelationKind.BREAKS, RelationKind.REPLACES};

    private final String text;

    private DebRelations(String text) {
        this.text = text;
    }

    /**
     * The relations {@code text} holds, as {@link #text()} wrote it (read back from a store); parsed when first
     * read, and not checked before.
     */
    public static DebRelations fromText(String text) {
        return new DebRelations(text);
    }

    @Override
    public PackageFormat format() {
        return PackageFormat.DEB;
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    protected List<Relation> parse() {
        return parse(null);
    }

    @Override
    protected List<Relation> parseKind(RelationKind kind) {
        return parse(kind);
    }

    /** The relations of every field, or of {@code only}'s fields. */
    private List<Relation> parse(RelationKind only) {
        List<Relation> out = new ArrayList<>();
        int n = text.length();
        for (int i = 0; i < n; ) {
            int code = CODES.indexOf(text.charAt(i));
            int colon = text.indexOf(':', i + 1);
            if (code < 0 || colon < 0) {
                throw corrupt(i);
            }
            int start = colon + 1;
            int end;
            try {
                end = start + Integer.parseInt(text, i + 1, colon, 10);
            } catch (NumberFormatException e) {
                throw corrupt(i);
            }
            if (end > n || end < start) {
                throw corrupt(i);
            }
            RelationKind kind = KINDS[code];
            if (only == null || only == kind) {
                try {
                    out.addAll(DebRelationParser.parse(kind, text.substring(start, end), "stored relations", 0, "?"));
                } catch (MetadataException e) {
                    throw new IllegalStateException("corrupt stored relations: " + e.getMessage(), e);
                }
            }
            i = end;
        }
        return out;
    }

    private IllegalStateException corrupt(int at) {
        return new IllegalStateException("corrupt stored relations near '"
                + text.substring(at, Math.min(text.length(), at + 20)) + "'");
    }

    /** Collects a package's relation fields in order; not thread-safe. */
    public static final class Builder {
        private final StringBuilder text = new StringBuilder(256);

        /**
         * Adds a field's value. Check it first ({@link DebRelationParser#validate}): this only keeps it.
         *
         * @throws IllegalArgumentException for a kind Debian's fields do not have (Supplements, Obsoletes)
         */
        public Builder add(RelationKind kind, String value) {
            int code = -1;
            for (int i = 0; i < KINDS.length; i++) {
                if (KINDS[i] == kind) {
                    code = i;
                }
            }
            if (code < 0) {
                throw new IllegalArgumentException("Debian has no " + kind + " field");
            }
            text.append(CODES.charAt(code)).append(value.length()).append(':').append(value);
            return this;
        }

        /** Whether no field was added. */
        public boolean isEmpty() {
            return text.length() == 0;
        }

        public DebRelations build() {
            return new DebRelations(text.toString());
        }
    }
}
