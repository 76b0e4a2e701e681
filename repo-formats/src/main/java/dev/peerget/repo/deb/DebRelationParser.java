package dev.peerget.repo.deb;

import dev.peerget.model.Op;
import dev.peerget.model.Provide;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.model.VersionConstraint;
import dev.peerget.repo.MetadataException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses Debian relation fields (Debian Policy §7.1) such as {@code Depends: libc6 (>= 2.34), a | b:any}
 * into {@link Relation}s, and {@code Provides} into {@link Provide}s.
 *
 * <p>Grammar per comma-separated entry: alternatives separated by {@code |}; each alternative is
 * {@code name[:arch] [(op version)] [[arch list]] [<profiles>...]}. Operators are {@code << <= = >= >>} and the
 * obsolete {@code <} and {@code >}, which Policy §7.1 says mean {@code <=} and {@code >=}. Architecture
 * restriction lists and build-profile lists only matter for source packages (Policy §7.1, §7.7); they are
 * accepted and dropped. Empty entries (a trailing comma) are skipped, as apt does.
 *
 * <p>Hand-written scanner without regular expressions: a Packages index holds over a million relation atoms.
 * Errors name the source, line, package, field and the offending text. Stateless and thread-safe.
 */
public final class DebRelationParser {
    private static final int ASCII = 128;
    /**
     * The characters that end a name or an architecture qualifier, and the whitespace among the ASCII ones, as
     * tables: the scanner looks at every character of every relation of an index, in the C1-compiled code an update
     * runs, where a chain of eleven comparisons (or Character.isWhitespace's calls) costs several times a lookup.
     */
    private static final boolean[] NAME_END = new boolean[ASCII];
    private static final boolean[] SPACE = new boolean[ASCII];

    static {
        for (char c : " \t\n\r(:[<)]>".toCharArray()) {
            NAME_END[c] = true;
        }
        for (char c = 0; c < ASCII; c++) {
            SPACE[c] = Character.isWhitespace(c);
        }
    }

    private DebRelationParser() {
    }

    /** The control field that holds relations of {@code kind} (e.g. {@code Pre-Depends}). */
    public static String fieldName(RelationKind kind) {
        return switch (kind) {
            case DEPENDS -> "Depends";
            case PRE_DEPENDS -> "Pre-Depends";
            case RECOMMENDS -> "Recommends";
            case SUGGESTS -> "Suggests";
            case ENHANCES -> "Enhances";
            case SUPPLEMENTS -> "Supplements";
            case CONFLICTS -> "Conflicts";
            case BREAKS -> "Breaks";
            case REPLACES -> "Replaces";
            case OBSOLETES -> "Obsoletes";
        };
    }

    /** Parses a relation field written in a string; errors are reported against {@code <string>}. */
    public static List<Relation> parse(RelationKind kind, String value) {
        return parse(kind, value, "<string>", 1, "?");
    }

    /**
     * Parses one relation field value.
     *
     * @param kind        which field the value came from
     * @param value       the (possibly folded) field value
     * @param source      file name for errors
     * @param line        line of the field for errors
     * @param packageName the package whose field this is, for errors
     * @return one relation per non-empty comma-separated entry, in order
     * @throws MetadataException when an entry is malformed
     */
    public static List<Relation> parse(RelationKind kind, String value, String source, long line,
            String packageName) {
        List<Relation> out = new ArrayList<>();
        scan(kind, value, new Context(value, source, line, packageName, fieldName(kind)), out);
        return out;
    }

    /**
     * Checks one relation field value as {@link #parse(RelationKind, String, String, long, String)} does, without
     * building anything: what {@code parse} accepts, this accepts, and it rejects the rest with the same error.
     * For an index whose relations are kept as text and parsed when first read ({@link DebRelations}).
     *
     * @throws MetadataException when an entry is malformed
     */
    public static void validate(RelationKind kind, String value, String source, long line, String packageName) {
        scan(kind, value, new Context(value, source, line, packageName, fieldName(kind)), null);
    }

    /** Scans {@code value}'s entries; adds each to {@code out}, or only checks it when {@code out} is null. */
    private static void scan(RelationKind kind, String value, Context ctx, List<Relation> out) {
        boolean build = out != null;
        int n = value.length();
        int from = 0;
        int bar = value.indexOf('|');
        while (from <= n) {
            int comma = value.indexOf(',', from);
            int to = comma < 0 ? n : comma;
            int s = skipSpace(value, from, to);
            int e = trimEnd(value, s, to);
            if (s < e) {
                if (bar >= 0 && bar < s) {
                    bar = value.indexOf('|', s);
                }
                Requirement r = bar >= 0 && bar < e ? alternatives(ctx, s, e, bar, build) : atom(ctx, s, e, build);
                if (build) {
                    out.add(new Relation(kind, r, value.substring(s, e)));
                }
            }
            from = to + 1;
        }
    }

    /** Parses a {@code Provides} value written in a string. */
    public static List<Provide> parseProvides(String value) {
        return parseProvides(value, "<string>", 1, "?");
    }

    /**
     * Parses a {@code Provides} field. Policy §7.5 allows only {@code (= version)}; alternatives, other
     * operators and architecture qualifiers are errors.
     */
    public static List<Provide> parseProvides(String value, String source, long line, String packageName) {
        Context ctx = new Context(value, source, line, packageName, "Provides");
        List<Provide> out = new ArrayList<>();
        int n = value.length();
        int from = 0;
        // Looked up once, not per entry: some packages provide hundreds of names (librust-*), and searching the
        // rest of the value for every entry made the field quadratic.
        int bar = value.indexOf('|');
        while (from <= n) {
            int comma = value.indexOf(',', from);
            int to = comma < 0 ? n : comma;
            int s = skipSpace(value, from, to);
            int e = trimEnd(value, s, to);
            if (s < e) {
                if (bar >= 0 && bar < e) {
                    throw ctx.error("alternatives are not allowed", s, e);
                }
                Requirement.Atom atom = atom(ctx, s, e, true);
                if (atom.archQualifier() != null) {
                    throw ctx.error("architecture qualifiers are not allowed", s, e);
                }
                VersionConstraint c = atom.constraint();
                if (c != null && c.op() != Op.EQ) {
                    throw ctx.error("only '=' versions may be provided", s, e);
                }
                out.add(new Provide(atom.name(), c == null ? null : c.version()));
            }
            from = to + 1;
        }
        return out;
    }

    /**
     * An entry with alternatives; {@code bar} is the position of its first {@code |}. Null when not
     * {@code build}ing (the entry is only checked).
     */
    private static Requirement alternatives(Context ctx, int from, int to, int bar, boolean build) {
        List<Requirement> alternatives = build ? new ArrayList<>(4) : null;
        int s = from;
        while (true) {
            int end = bar < 0 || bar >= to ? to : bar;
            Requirement.Atom atom = atom(ctx, s, end, build);
            if (build) {
                alternatives.add(atom);
            }
            if (end == to) {
                break;
            }
            s = end + 1;
            bar = ctx.value.indexOf('|', s);
        }
        return build ? new Requirement.AnyOf(alternatives) : null;
    }

    /** One alternative; null when not {@code build}ing (it is only checked). */
    private static Requirement.Atom atom(Context ctx, int from, int to, boolean build) {
        String v = ctx.value;
        int i = skipSpace(v, from, to);
        int nameStart = i;
        while (i < to && !isNameEnd(v.charAt(i))) {
            i++;
        }
        if (i == nameStart) {
            throw ctx.error("missing package name", from, to);
        }
        int nameEnd = i;
        int archStart = -1;
        if (i < to && v.charAt(i) == ':') {
            archStart = ++i;
            while (i < to && !isNameEnd(v.charAt(i))) {
                i++;
            }
            if (i == archStart) {
                throw ctx.error("empty architecture qualifier", from, to);
            }
        }
        int archEnd = i;
        i = skipSpace(v, i, to);
        VersionConstraint constraint = null;
        if (i < to && v.charAt(i) == '(') {
            int close = v.indexOf(')', i);
            if (close < 0 || close >= to) {
                throw ctx.error("missing ')'", from, to);
            }
            constraint = constraint(ctx, i + 1, close, from, to, build);
            i = skipSpace(v, close + 1, to);
        }
        if (i < to && v.charAt(i) == '[') {
            // Architecture restrictions apply to source packages only (Policy §7.1): accepted, dropped.
            int close = v.indexOf(']', i);
            if (close < 0 || close >= to) {
                throw ctx.error("missing ']'", from, to);
            }
            i = skipSpace(v, close + 1, to);
        }
        while (i < to && v.charAt(i) == '<') {
            // Build profiles (Policy §7.1, "restriction formulas") likewise only matter when building.
            int close = v.indexOf('>', i);
            if (close < 0 || close >= to) {
                throw ctx.error("missing '>'", from, to);
            }
            i = skipSpace(v, close + 1, to);
        }
        if (i < to) {
            throw ctx.error("unexpected '" + v.substring(i, to) + "'", from, to);
        }
        return build ? new Requirement.Atom(v.substring(nameStart, nameEnd),
                archStart < 0 ? null : v.substring(archStart, archEnd), constraint) : null;
    }

    /** A {@code (op version)}'s inside; null when not {@code build}ing (it is only checked). */
    private static VersionConstraint constraint(Context ctx, int from, int to, int entryFrom, int entryTo,
                                                boolean build) {
        String v = ctx.value;
        int i = skipSpace(v, from, to);
        int opStart = i;
        while (i < to && (v.charAt(i) == '<' || v.charAt(i) == '>' || v.charAt(i) == '=')) {
            i++;
        }
        Op op = op(v, opStart, i);
        if (op == null) {
            throw ctx.error(i == opStart ? "missing version operator"
                    : "unknown version operator '" + v.substring(opStart, i) + "'", entryFrom, entryTo);
        }
        i = skipSpace(v, i, to);
        int end = trimEnd(v, i, to);
        if (i == end) {
            throw ctx.error("missing version", entryFrom, entryTo);
        }
        for (int k = i; k < end; k++) {
            if (isSpace(v.charAt(k))) {
                throw ctx.error("space inside version", entryFrom, entryTo);
            }
        }
        return build ? new VersionConstraint(op, v.substring(i, end)) : null;
    }

    /**
     * The operator written from {@code from} to {@code to} (only {@code <}, {@code >} and {@code =} there), null
     * when it is none. Read from the characters, not a cut-out string: this runs for every versioned atom.
     */
    private static Op op(String v, int from, int to) {
        char a = to > from ? v.charAt(from) : 0;
        if (to - from == 1) {
            return switch (a) {
                case '<' -> Op.LE; // "<" is obsolete and means "<=" (Policy §7.1)
                case '=' -> Op.EQ;
                default -> Op.GE; // ">" is obsolete and means ">="
            };
        }
        if (to - from != 2) {
            return null;
        }
        char b = v.charAt(from + 1);
        if (a == '<') {
            return b == '<' ? Op.LT : b == '=' ? Op.LE : null;
        }
        if (a == '>') {
            return b == '>' ? Op.GT : b == '=' ? Op.GE : null;
        }
        return null;
    }

    private static boolean isNameEnd(char c) {
        return c < ASCII && NAME_END[c];
    }

    /** {@link Character#isWhitespace}, looked up in a table for ASCII (every name and version character). */
    private static boolean isSpace(char c) {
        return c < ASCII ? SPACE[c] : Character.isWhitespace(c);
    }

    private static int skipSpace(String s, int from, int to) {
        while (from < to && isSpace(s.charAt(from))) {
            from++;
        }
        return from;
    }

    private static int trimEnd(String s, int from, int to) {
        while (to > from && isSpace(s.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    /** Where we are, for error messages. */
    private record Context(String value, String source, long line, String packageName, String field) {
        MetadataException error(String what, int from, int to) {
            return MetadataException.at(source, line, "package " + packageName + ": bad " + field + " entry '"
                    + value.substring(from, to).strip() + "': " + what);
        }
    }
}
