package dev.peerget.cache.internal;

import dev.peerget.model.Op;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.model.VersionConstraint;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a package's relations as one string for the column {@code packages.relations}, and back. The encoding is
 * format-neutral (the store never needs the Debian or RPM parsers to read it) and uses ASCII separator
 * controls, which cannot occur in package names, versions or relation text:
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

    public static String encode(List<Relation> relations) {
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

    public static List<Relation> decode(String encoded) {
        List<Relation> out = new ArrayList<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        int start = 0;
        while (start <= encoded.length()) {
            int end = encoded.indexOf(RS, start);
            if (end < 0) {
                end = encoded.length();
            }
            String entry = encoded.substring(start, end);
            int g1 = entry.indexOf(GS);
            int g2 = entry.indexOf(GS, g1 + 1);
            RelationKind kind = KINDS[Integer.parseInt(entry.substring(0, g1))];
            Tokens tokens = new Tokens(entry.substring(g1 + 1, g2));
            out.add(new Relation(kind, tokens.requirement(), entry.substring(g2 + 1)));
            start = end + 1;
        }
        return out;
    }

    /** Reads the US-separated prefix form back into a tree. */
    private static final class Tokens {
        private final String s;
        private int pos;

        Tokens(String s) {
            this.s = s;
        }

        String next() {
            int end = s.indexOf(US, pos);
            if (end < 0) {
                end = s.length();
            }
            String t = s.substring(pos, end);
            pos = end + 1;
            return t;
        }

        Requirement requirement() {
            String tag = next();
            switch (tag) {
                case "a": {
                    String name = next();
                    String arch = next();
                    String op = next();
                    String version = next();
                    return new Requirement.Atom(name, arch.isEmpty() ? null : arch,
                            op.isEmpty() ? null : new VersionConstraint(OPS[Integer.parseInt(op)], version));
                }
                case "|":
                    return new Requirement.AnyOf(children());
                case "&":
                    return new Requirement.AllOf(children());
                case "w":
                    return new Requirement.With(children());
                case "i": {
                    Requirement then = requirement();
                    Requirement cond = requirement();
                    return new Requirement.If(then, cond, next().equals("1") ? requirement() : null);
                }
                case "u": {
                    Requirement then = requirement();
                    Requirement cond = requirement();
                    return new Requirement.Unless(then, cond, next().equals("1") ? requirement() : null);
                }
                case "x": {
                    Requirement base = requirement();
                    return new Requirement.Without(base, requirement());
                }
                default:
                    throw new IllegalStateException("corrupt relation encoding near '" + tag + "'");
            }
        }

        List<Requirement> children() {
            int n = Integer.parseInt(next());
            List<Requirement> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(requirement());
            }
            return items;
        }
    }
}
