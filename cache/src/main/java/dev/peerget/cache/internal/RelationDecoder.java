package dev.peerget.cache.internal;

import dev.peerget.model.Op;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.model.VersionConstraint;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@link RelationCodec}'s encoding back, for a read of many rows: it parses in place over the encoded
 * string (no string per entry or per token, tags and operators read as characters and digits), and hands out
 * one {@link Relation} for an entry already decoded (a relation is immutable; {@code libc6 (>= 2.34)} recurs
 * in thousands of packages) and one {@code String} for a name, version or text already seen, so the
 * resolver's map lookups find their hash cached. Both caches are bounded ({@link SpanCache}). Not thread-safe.
 */
final class RelationDecoder {
    private static final char RS = '\u001e';
    private static final char GS = '\u001d';
    private static final char US = '\u001f';
    private static final RelationKind[] KINDS = RelationKind.values();
    private static final Op[] OPS = Op.values();

    private final SpanCache<String> strings;
    private final SpanCache<Relation> entries = new SpanCache<>();
    private final List<Relation> scratch = new ArrayList<>();
    /** The string being decoded, the position of the next token and the end of the entry's token section. */
    private String s;
    private int pos;
    private int limit;

    /** A decoder with its own string cache. */
    RelationDecoder() {
        this(new SpanCache<>());
    }

    /** A decoder sharing {@code strings} with the reader of the rest of the row. */
    RelationDecoder(SpanCache<String> strings) {
        this.strings = strings;
    }

    /** The relations {@code encoded} holds, in order (an immutable list; empty for null or empty). */
    List<Relation> decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return List.of();
        }
        scratch.clear();
        int n = encoded.length();
        int start = 0;
        while (true) {
            int end = encoded.indexOf(RS, start);
            if (end < 0) {
                end = n;
            }
            int hash = SpanCache.hash(encoded, start, end);
            Relation r = entries.get(encoded, start, end, hash);
            if (r == null) {
                r = entry(encoded, start, end);
                entries.put(encoded.substring(start, end), hash, r);
            }
            scratch.add(r);
            if (end == n) {
                break;
            }
            start = end + 1;
        }
        List<Relation> out = List.copyOf(scratch);
        scratch.clear();
        s = null;
        return out;
    }

    private Relation entry(String encoded, int start, int end) {
        int g1 = encoded.indexOf(GS, start);
        int g2 = g1 < 0 ? -1 : encoded.indexOf(GS, g1 + 1);
        if (g2 < 0 || g2 > end) {
            throw corrupt(encoded, start);
        }
        s = encoded;
        limit = g2;
        RelationKind kind = KINDS[number(start, g1)];
        pos = g1 + 1;
        Requirement requirement = requirement();
        if (pos != g2 + 1) {
            throw corrupt(encoded, pos);
        }
        return new Relation(kind, requirement, SpanCache.intern(strings, encoded, g2 + 1, end));
    }

    /** The end of the token at {@link #pos}: the next US, or the end of the token section. */
    private int tokenEnd() {
        int e = pos;
        while (e < limit && s.charAt(e) != US) {
            e++;
        }
        return e;
    }

    /** The token at {@link #pos} as a shared string, null when empty; moves past it. */
    private String text() {
        int e = tokenEnd();
        String t = e == pos ? null : SpanCache.intern(strings, s, pos, e);
        pos = e + 1;
        return t;
    }

    /** The token at {@link #pos} as a decimal number; moves past it. */
    private int number() {
        int e = tokenEnd();
        int v = number(pos, e);
        pos = e + 1;
        return v;
    }

    private int number(int from, int to) {
        if (from >= to) {
            throw corrupt(s, from);
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw corrupt(s, from);
            }
            v = v * 10 + d;
        }
        return v;
    }

    private Requirement requirement() {
        if (pos >= limit || (pos + 1 < limit && s.charAt(pos + 1) != US)) {
            throw corrupt(s, pos);
        }
        char tag = s.charAt(pos);
        pos += 2;
        switch (tag) {
            case 'a': {
                String name = text();
                if (name == null) {
                    throw corrupt(s, pos);
                }
                String arch = text();
                int opEnd = tokenEnd();
                Op op = opEnd == pos ? null : OPS[number(pos, opEnd)];
                pos = opEnd + 1;
                String version = text();
                return new Requirement.Atom(name, arch, op == null ? null
                        : new VersionConstraint(op, version == null ? "" : version));
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
                throw corrupt(s, pos - 2);
        }
    }

    private boolean hasElse() {
        int e = tokenEnd();
        boolean one = e == pos + 1 && s.charAt(pos) == '1';
        pos = e + 1;
        return one;
    }

    private List<Requirement> children() {
        Requirement[] items = new Requirement[number()];
        for (int i = 0; i < items.length; i++) {
            items[i] = requirement();
        }
        return List.of(items);
    }

    private static IllegalStateException corrupt(String encoded, int at) {
        int from = Math.max(0, Math.min(at, encoded.length()));
        return new IllegalStateException("corrupt relation encoding near '"
                + encoded.substring(from, Math.min(encoded.length(), from + 20)) + "'");
    }
}
