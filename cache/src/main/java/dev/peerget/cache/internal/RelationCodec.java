package dev.peerget.cache.internal;

import dev.peerget.model.Op;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.model.VersionConstraint;
import dev.peerget.repo.deb.DebRelations;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a package's relations as one string for the column {@code packages.relations}, and back.
 *
 * <p>Relations a Debian index gave as text ({@link DebRelations}) are stored as that text behind the letter
 * {@code d}, and read back the same way: parsed when first used. Updating Debian's main then neither builds nor
 * encodes 360,000 relations, and stores half the bytes (docs/benchmarks.md).
 *
 * <p>Other relations are encoded format-neutrally, with ASCII separator controls, which cannot occur in package
 * names, versions or relation text (an encoding starts with a digit, the first entry's kind):
 * entries are separated by RS, an entry's kind, requirement and text by GS, requirement tokens by US,
 * in prefix order ({@code a name arch op version}, {@code | n …}, {@code & n …}, {@code w n …},
 * {@code i then cond hasElse [else]}, {@code u …}, {@code x base excluded}).
 */
public final class RelationCodec {
    private static final char RS = '\u001e';
    private static final char GS = '\u001d';
    private static final char US = '\u001f';
    private static final RelationKind[] KINDS = RelationKind.values();
    private static final Op[] OPS = Op.values();

    private RelationCodec() {
    }

    /** Marks a column that holds {@link DebRelations#text()}. */
    private static final char DEB_TEXT = 'd';

    public static String encode(List<Relation> relations) {
        if (relations instanceof DebRelations d) {
            return DEB_TEXT + d.text();
        }
        StringBuilder sb = new StringBuilder(relations.size() * 64);
        for (int i = 0; i < relations.size(); i++) {
            Relation r = relations.get(i);
            if (i > 0) {
                sb.append(RS);
            }
            sb.append(r.kind().ordinal()).append(GS);
            encode(r.requirement(), sb);
            sb.append(GS).append(r.text());
        }
        return sb.toString();
    }

    private static void encode(Requirement req, StringBuilder sb) {
        // Java 17 has no pattern matching for switch; the sealed hierarchy keeps this chain complete.
        if (req instanceof Requirement.Atom a) {
            sb.append('a').append(US).append(a.name()).append(US);
            if (a.archQualifier() != null) {
                sb.append(a.archQualifier());
            }
            sb.append(US);
            if (a.constraint() != null) {
                sb.append(a.constraint().op().ordinal()).append(US).append(a.constraint().version());
            } else {
                sb.append(US);
            }
        } else if (req instanceof Requirement.AnyOf o) {
            list('|', o.alternatives(), sb);
        } else if (req instanceof Requirement.AllOf o) {
            list('&', o.operands(), sb);
        } else if (req instanceof Requirement.With o) {
            list('w', o.operands(), sb);
        } else if (req instanceof Requirement.If o) {
            conditional('i', o.then(), o.condition(), o.otherwise(), sb);
        } else if (req instanceof Requirement.Unless o) {
            conditional('u', o.then(), o.condition(), o.otherwise(), sb);
        } else if (req instanceof Requirement.Without o) {
            sb.append('x').append(US);
            encode(o.base(), sb);
            sb.append(US);
            encode(o.excluded(), sb);
        } else {
            throw new IllegalArgumentException("unknown requirement " + req);
        }
    }

    private static void list(char tag, List<Requirement> items, StringBuilder sb) {
        sb.append(tag).append(US).append(items.size());
        for (Requirement item : items) {
            sb.append(US);
            encode(item, sb);
        }
    }

    private static void conditional(char tag, Requirement then, Requirement cond, Requirement otherwise,
                                    StringBuilder sb) {
        sb.append(tag).append(US);
        encode(then, sb);
        sb.append(US);
        encode(cond, sb);
        sb.append(US).append(otherwise == null ? '0' : '1');
        if (otherwise != null) {
            sb.append(US);
            encode(otherwise, sb);
        }
    }

    /**
     * The relations {@code encoded} holds, in order. Parsed in place over {@code encoded}: the only strings cut
     * out are the names, architectures, versions and texts kept in the result; tags, operators, kinds and
     * counts are read as characters and digits. The separators are found with {@link String#indexOf(int, int)},
     * which the JVM has compiled long before the first read (a plan runs with C1 alone, and this code cold).
     */
    public static List<Relation> decode(String encoded) {
        if (encoded != null && !encoded.isEmpty() && encoded.charAt(0) == DEB_TEXT) {
            return DebRelations.fromText(encoded.substring(1));
        }
        List<Relation> out = new ArrayList<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        Cursor cursor = new Cursor(encoded);
        int n = encoded.length();
        for (int start = 0; start <= n; ) {
            int end = encoded.indexOf(RS, start);
            if (end < 0) {
                end = n;
            }
            out.add(cursor.entry(start, end));
            start = end + 1;
        }
        return out;
    }

    /** Reads entries of the encoded string: an entry's kind and text, and its US-separated prefix form as a tree. */
    private static final class Cursor {
        private final String s;
        /** The next token, and the end of the current entry's token section. */
        private int pos;
        private int limit;

        Cursor(String s) {
            this.s = s;
        }

        Relation entry(int start, int end) {
            int g1 = s.indexOf(GS, start);
            int g2 = g1 < 0 || g1 > end ? -1 : s.indexOf(GS, g1 + 1);
            if (g2 < 0 || g2 > end) {
                throw corrupt(start);
            }
            RelationKind kind = KINDS[number(start, g1)];
            pos = g1 + 1;
            limit = g2;
            Requirement requirement = requirement();
            if (pos != g2 + 1) {
                throw corrupt(pos);
            }
            return new Relation(kind, requirement, s.substring(g2 + 1, end));
        }

        /** The end of the token at {@link #pos}: the next US, or the end of the token section. */
        private int tokenEnd() {
            int e = s.indexOf(US, pos);
            return e < 0 || e > limit ? limit : e;
        }

        /** The token at {@link #pos}, null when empty; moves past it. */
        private String text() {
            int e = tokenEnd();
            String t = e == pos ? null : s.substring(pos, e);
            pos = e + 1;
            return t;
        }

        /** The decimal number from {@code from} to {@code to} (one digit, mostly). */
        private int number(int from, int to) {
            if (to == from + 1) {
                int d = s.charAt(from) - '0';
                if (d >= 0 && d <= 9) {
                    return d;
                }
            }
            if (from >= to) {
                throw corrupt(from);
            }
            try {
                return Integer.parseInt(s, from, to, 10);
            } catch (NumberFormatException e) {
                throw corrupt(from);
            }
        }

        Requirement requirement() {
            if (pos >= limit || (pos + 1 < limit && s.charAt(pos + 1) != US)) {
                throw corrupt(pos);
            }
            char tag = s.charAt(pos);
            pos += 2;
            switch (tag) {
                case 'a': {
                    String name = text();
                    if (name == null) {
                        throw corrupt(pos);
                    }
                    String arch = text();
                    int opEnd = tokenEnd();
                    Op op = opEnd == pos ? null : OPS[number(pos, opEnd)];
                    pos = opEnd + 1;
                    String version = text();
                    return new Requirement.Atom(name, arch,
                            op == null ? null : new VersionConstraint(op, version == null ? "" : version));
                }
                case '|':
                    return new Requirement.AnyOf(children());
                case '&':
                    return new Requirement.AllOf(children());
                case 'w':
                    return new Requirement.With(children());
                case 'i': {
                    Requirement then = requirement();
                    Requirement cond = requirement();
                    return new Requirement.If(then, cond, hasElse() ? requirement() : null);
                }
                case 'u': {
                    Requirement then = requirement();
                    Requirement cond = requirement();
                    return new Requirement.Unless(then, cond, hasElse() ? requirement() : null);
                }
                case 'x': {
                    Requirement base = requirement();
                    return new Requirement.Without(base, requirement());
                }
                default:
                    throw corrupt(pos - 2);
            }
        }

        private boolean hasElse() {
            int e = tokenEnd();
            boolean one = e == pos + 1 && s.charAt(pos) == '1';
            pos = e + 1;
            return one;
        }

        /** A count and that many requirements, as an immutable list (which the requirement keeps as it is). */
        private List<Requirement> children() {
            int e = tokenEnd();
            Requirement[] items = new Requirement[number(pos, e)];
            pos = e + 1;
            for (int i = 0; i < items.length; i++) {
                items[i] = requirement();
            }
            return List.of(items);
        }

        private IllegalStateException corrupt(int at) {
            int from = Math.max(0, Math.min(at, s.length()));
            return new IllegalStateException("corrupt relation encoding near '"
                    + s.substring(from, Math.min(s.length(), from + 20)) + "'");
        }
    }
}
